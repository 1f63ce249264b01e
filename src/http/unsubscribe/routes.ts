// SD-81, RFC 8058: the `List-Unsubscribe` link. GET only shows a confirmation (link scanners must not
// unsubscribe anyone); POST — the mail client's one-click request or the page's button — removes the
// recipient. No session and no CSRF token: the unguessable reply key in the URL is the authority.
import { z } from 'zod';
import { findUnsubscribeTarget, unsubscribeByLink, type UnsubscribeTarget } from '../../app/tickets/unsubscribe-by-link.ts';
import { defineRoute } from '../route.ts';
import { sendPage } from './page.ts';

const PATH = '/-/unsubscribe/:key';
const params = z.object({ key: z.string().describe('The reply key from the List-Unsubscribe header') });
const oneClickBody = z.object({ 'List-Unsubscribe': z.string().optional().describe('RFC 8058: `One-Click`') });

const ticketLine = (target: UnsubscribeTarget) => `Ticket #${target.iid}: ${target.title}`;
const unknownKey = { title: 'Link not found', lines: ['This unsubscribe link is not valid. It may have been mistyped.'] };

export const unsubscribeRoutes = [
  defineRoute<{ key: string }, undefined, undefined, 'public'>({
    method: 'GET',
    path: PATH,
    auth: 'public',
    tag: 'unsubscribe',
    summary: 'Confirmation page for the List-Unsubscribe link; changes nothing',
    params,
    status: 200,
    produces: 'html',
    async handler({ ctx, params, request, reply }) {
      const target = await findUnsubscribeTarget(ctx.db.db, params.key);
      if (!target) return sendPage(reply, 404, unknownKey);
      if (!target.subscribed)
        return sendPage(reply, 200, { title: 'Unsubscribed', lines: [ticketLine(target), 'You no longer receive mail about this ticket.'] });
      return sendPage(reply, 200, {
        title: 'Unsubscribe from this ticket?',
        lines: [ticketLine(target), 'You will no longer receive mail about this ticket.'],
        form: { action: request.url.split('?')[0]!, button: 'Unsubscribe' },
      });
    },
  }),
  defineRoute<{ key: string }, undefined, z.infer<typeof oneClickBody>, 'public'>({
    method: 'POST',
    path: PATH,
    auth: 'public',
    tag: 'unsubscribe',
    summary: 'One-click unsubscribe (RFC 8058): takes the recipient of the link off the ticket; repeating it changes nothing',
    params,
    body: oneClickBody,
    bodyType: 'form',
    status: 200,
    produces: 'html',
    async handler({ ctx, params, reply }) {
      const done = await unsubscribeByLink(ctx, params.key);
      if (!done) return sendPage(reply, 404, unknownKey);
      return sendPage(reply, 200, { title: 'Unsubscribed', lines: [ticketLine(done), 'You will no longer receive mail about this ticket.'] });
    },
  }),
];
