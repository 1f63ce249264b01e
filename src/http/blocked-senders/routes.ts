import { blockMessageSender } from '../../app/blocked-senders/block-message-sender.ts';
import { addBlockedSender, listBlockedSenders, removeBlockedSender } from '../../app/blocked-senders/blocked-senders.ts';
import { projectParams } from '../common-schemas.ts';
import { messageParams } from '../mail-log/schemas.ts';
import { defineRoute } from '../route.ts';
import { presentBlockedSender } from './presenters.ts';
import { addBlockedSenderBody, blockedSenderParams, blockedSenderView, blockMessageSenderBody, listBlockedSendersQuery } from './schemas.ts';

export const blockedSenderRoutes = [
  defineRoute({
    method: 'GET',
    path: '/projects/:id/blocked_senders',
    auth: 'token',
    tag: 'blocked senders',
    summary: 'Addresses and domains whose mail to the project is ignored (blocked_sender), newest first (reporters and up)',
    params: projectParams,
    query: listBlockedSendersQuery,
    status: 200,
    list: true,
    response: blockedSenderView,
    async handler({ ctx, auth, params, query }) {
      const page = await listBlockedSenders(ctx, auth.actor, params.id, { perPage: query.per_page, cursor: query.cursor });
      return { items: page.items.map(presentBlockedSender), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/projects/:id/blocked_senders',
    auth: 'token',
    tag: 'blocked senders',
    summary: 'Block an address or a domain (maintainers); its mail is then ignored and answered with nothing',
    params: projectParams,
    body: addBlockedSenderBody,
    status: 201,
    response: blockedSenderView,
    async handler({ ctx, auth, params, body }) {
      return presentBlockedSender(await addBlockedSender(ctx, auth.actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/projects/:id/blocked_senders/:blocked_id',
    auth: 'token',
    tag: 'blocked senders',
    summary: 'Unblock (maintainers); mail already ignored stays so until it is replayed',
    params: blockedSenderParams,
    status: 204,
    async handler({ ctx, auth, params }) {
      await removeBlockedSender(ctx, auth.actor, params.id, params.blocked_id);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/inbound_messages/:id/block_sender',
    auth: 'token',
    tag: 'blocked senders',
    summary: "Block a received message's From (or its whole domain) in the message's project (maintainers)",
    params: messageParams,
    body: blockMessageSenderBody,
    status: 201,
    response: blockedSenderView,
    async handler({ ctx, auth, params, body }) {
      return presentBlockedSender(await blockMessageSender(ctx, auth.actor, params.id, body));
    },
  }),
];
