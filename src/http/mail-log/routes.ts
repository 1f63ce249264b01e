import { Readable } from 'node:stream';
import { getInboundMessage, getInboundMessageBytes, listInboundMessages, replayInboundMessage } from '../../app/mail-log/inbound-messages.ts';
import { getOutboundMessage, getOutboundRaw, listOutboundMessages } from '../../app/mail-log/outbound-messages.ts';
import { renderInboundMessage, renderOutboundMessage } from '../../app/mail-log/render-message.ts';
import { defineRoute } from '../route.ts';
import { sendMailPage } from './mail-page.ts';
import { presentInbound, presentOutbound } from './presenters.ts';
import { inboundView, listInboundQuery, listOutboundQuery, messageParams, outboundView } from './schemas.ts';

export const mailLogRoutes = [
  defineRoute({
    method: 'GET',
    path: '/inbound_messages',
    auth: 'token',
    tag: 'mail log',
    summary: 'Received mail and its outcome, newest first (admins; maintainers see their projects)',
    query: listInboundQuery,
    status: 200,
    list: true,
    response: inboundView,
    async handler({ ctx, auth, query }) {
      const page = await listInboundMessages(ctx, auth.actor, {
        perPage: query.per_page,
        cursor: query.cursor,
        state: query.state,
        projectRef: query.project_id,
      });
      return { items: page.items.map(presentInbound), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/inbound_messages/:id',
    auth: 'token',
    tag: 'mail log',
    summary: 'One received message and its outcome',
    params: messageParams,
    status: 200,
    response: inboundView,
    async handler({ ctx, auth, params }) {
      return presentInbound(await getInboundMessage(ctx, auth.actor, params.id));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/inbound_messages/:id/raw',
    auth: 'token',
    tag: 'mail log',
    summary: 'The message exactly as received (message/rfc822, as a download)',
    params: messageParams,
    status: 200,
    async handler({ ctx, auth, params, reply }) {
      const message = await getInboundMessageBytes(ctx, auth.actor, params.id);
      return reply
        .header('Content-Type', 'message/rfc822')
        .header('Content-Disposition', `attachment; filename="inbound-${message.id}.eml"`)
        .header('X-Content-Type-Options', 'nosniff')
        .send(Readable.from(message.pieces));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/inbound_messages/:id/rendered',
    auth: 'token',
    tag: 'mail log',
    summary:
      'The mail viewer: a small HTML page with the headers and the HTML part sanitised (no scripts, nothing remote; remote images replaced by a placeholder) ' +
      'or the text part; served with a sandboxing CSP for an iframe',
    params: messageParams,
    status: 200,
    produces: 'html',
    async handler({ ctx, auth, params, reply }) {
      return sendMailPage(reply, await renderInboundMessage(ctx, auth.actor, params.id));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/inbound_messages/:id/replay',
    auth: 'token',
    tag: 'mail log',
    summary: 'Process a failed or ignored message again',
    params: messageParams,
    status: 200,
    response: inboundView,
    async handler({ ctx, auth, params }) {
      await replayInboundMessage(ctx, auth.actor, params.id);
      return presentInbound(await getInboundMessage(ctx, auth.actor, params.id));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/outbound_messages',
    auth: 'token',
    tag: 'mail log',
    summary: 'Mail sent or kept, newest first (admins; maintainers see their projects)',
    query: listOutboundQuery,
    status: 200,
    list: true,
    response: outboundView,
    async handler({ ctx, auth, query }) {
      const page = await listOutboundMessages(ctx, auth.actor, { perPage: query.per_page, cursor: query.cursor, projectRef: query.project_id, to: query.to });
      return { items: page.items.map(presentOutbound), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/outbound_messages/:id',
    auth: 'token',
    tag: 'mail log',
    summary: 'One outgoing message',
    params: messageParams,
    status: 200,
    response: outboundView,
    async handler({ ctx, auth, params }) {
      return presentOutbound(await getOutboundMessage(ctx, auth.actor, params.id));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/outbound_messages/:id/raw',
    auth: 'token',
    tag: 'mail log',
    summary: 'The MIME message as sent or kept (empty until delivery rendered it), composed again with its reply keys masked',
    params: messageParams,
    status: 200,
    async handler({ ctx, auth, params, reply }) {
      return reply
        .header('Content-Type', 'message/rfc822')
        .header('X-Content-Type-Options', 'nosniff')
        .send(await getOutboundRaw(ctx, auth.actor, params.id));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/outbound_messages/:id/rendered',
    auth: 'token',
    tag: 'mail log',
    summary: 'The mail viewer for mail sent or kept: headers and the HTML part (sanitised) or the text part, with a sandboxing CSP',
    params: messageParams,
    status: 200,
    produces: 'html',
    async handler({ ctx, auth, params, reply }) {
      return sendMailPage(reply, await renderOutboundMessage(ctx, auth.actor, params.id));
    },
  }),
];
