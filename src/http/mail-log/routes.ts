import { z } from 'zod';
import { getInboundMessage, listInboundMessages, replayInboundMessage, type InboundListItem } from '../../app/mail-log/inbound-messages.ts';
import { getOutboundMessage, listOutboundMessages, type OutboundListItem } from '../../app/mail-log/outbound-messages.ts';
import { idParam, pageQuery } from '../common-schemas.ts';
import { defineRoute } from '../route.ts';

const inboundView = z.object({
  id: z.number(),
  state: z.enum(['received', 'processed', 'ignored', 'failed']),
  reason: z.string().nullable(),
  error: z.string().nullable(),
  project_id: z.number().nullable(),
  ticket_iid: z.number().nullable(),
  note_id: z.number().nullable(),
  matched_by: z.string().nullable().describe('reply_key, references, in_reply_to, project_key, alias or custom_email'),
  from: z.string().nullable(),
  to: z.array(z.string()),
  subject: z.string().nullable(),
  message_id: z.string().nullable(),
  size: z.number(),
  received_at: z.string(),
  processed_at: z.string().nullable(),
  channel: z.enum(['smtp', 'imap', 'http', 'cli']),
});

const outboundView = z.object({
  id: z.number(),
  state: z.enum(['queued', 'sending', 'sent', 'kept', 'failed', 'uncertain']),
  kind: z.string(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  message_id: z.string(),
  in_reply_to: z.string().nullable(),
  references: z.string(),
  reply_to: z.string().nullable(),
  attempts: z.number(),
  error: z.string().nullable(),
  project_id: z.number().nullable(),
  ticket_iid: z.number().nullable(),
  created_at: z.string(),
  sent_at: z.string().nullable(),
});

const presentInbound = (m: InboundListItem) => ({
  id: m.id,
  state: m.state,
  reason: m.reason,
  error: m.error,
  project_id: m.project_id,
  ticket_iid: m.ticket_iid,
  note_id: m.note_id,
  matched_by: m.matched_by,
  from: m.from_address,
  to: m.to_addresses ? (JSON.parse(m.to_addresses) as string[]) : (JSON.parse(m.envelope_to) as string[]),
  subject: m.subject,
  message_id: m.message_id,
  size: m.size,
  received_at: m.received_at,
  processed_at: m.processed_at,
  channel: m.channel,
});

const presentOutbound = (m: OutboundListItem) => ({
  id: m.id,
  state: m.state,
  kind: m.kind,
  to: m.to_address,
  from: m.from_header,
  subject: m.subject,
  message_id: m.message_id,
  in_reply_to: m.in_reply_to,
  references: m.references,
  reply_to: m.reply_to,
  attempts: m.attempts,
  error: m.error,
  project_id: m.project_id,
  ticket_iid: m.ticket_iid,
  created_at: m.created_at,
  sent_at: m.sent_at,
});

const messageParams = z.object({ id: idParam });

export const mailLogRoutes = [
  defineRoute({
    method: 'GET',
    path: '/inbound_messages',
    auth: 'token',
    tag: 'mail log',
    summary: 'Received mail and its outcome, newest first (admins; maintainers see their projects)',
    query: pageQuery.extend({ state: z.enum(['received', 'processed', 'ignored', 'failed']).optional(), project_id: z.string().optional() }),
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
      const message = await getInboundMessage(ctx, auth.actor, params.id);
      return reply
        .header('Content-Type', 'message/rfc822')
        .header('Content-Disposition', `attachment; filename="inbound-${message.id}.eml"`)
        .header('X-Content-Type-Options', 'nosniff')
        .send(Buffer.from(message.raw));
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
    query: pageQuery.extend({ project_id: z.string().optional(), to: z.string().optional() }),
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
    summary: 'The MIME message as sent or kept (empty until delivery rendered it)',
    params: messageParams,
    status: 200,
    async handler({ ctx, auth, params, reply }) {
      const message = await getOutboundMessage(ctx, auth.actor, params.id);
      return reply
        .header('Content-Type', 'message/rfc822')
        .header('X-Content-Type-Options', 'nosniff')
        .send(message.raw ?? '');
    },
  }),
];
