import { listMailboxes } from '../../app/mailboxes/list-mailboxes.ts';
import { addMailbox, listProjectMailboxes, removeMailbox } from '../../app/mailboxes/manage-mailboxes.ts';
import { projectParams } from '../common-schemas.ts';
import { defineRoute } from '../route.ts';
import { oauth2InputOf } from '../oauth2-schemas.ts';
import { presentMailbox } from './presenters.ts';
import { addMailboxBody, mailboxParams, mailboxView } from './schemas.ts';

export const mailboxRoutes = [
  defineRoute({
    method: 'GET',
    path: '/mailboxes',
    auth: 'token',
    tag: 'mailboxes',
    summary: "Every IMAP mailbox read for incoming mail and its state (admins; maintainers see their projects')",
    status: 200,
    response: mailboxView,
    list: true,
    async handler({ ctx, auth }) {
      return { items: (await listMailboxes(ctx, auth.actor)).map(presentMailbox), nextCursor: null };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/projects/:id/mailboxes',
    auth: 'token',
    tag: 'mailboxes',
    summary: "The project's own IMAP mailboxes and their state (maintainers)",
    params: projectParams,
    status: 200,
    response: mailboxView,
    list: true,
    async handler({ ctx, auth, params }) {
      return { items: (await listProjectMailboxes(ctx, auth.actor, params.id)).map(presentMailbox), nextCursor: null };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/projects/:id/mailboxes',
    auth: 'token',
    tag: 'mailboxes',
    summary:
      "Read a project's own mailbox over IMAP (maintainers); its mail routes to the project. The password, or the OAuth 2.0 client secret and refresh token, are stored encrypted and never returned",
    params: projectParams,
    body: addMailboxBody,
    status: 201,
    response: mailboxView,
    async handler({ ctx, auth, params, body }) {
      const oauth2 = body.oauth2 && oauth2InputOf(body.oauth2);
      return presentMailbox(await addMailbox(ctx, auth.actor, params.id, { imapUrl: body.imap_url, moveTo: body.move_to, oauth2 }));
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/projects/:id/mailboxes/:mailbox_id',
    auth: 'token',
    tag: 'mailboxes',
    summary: 'Stop reading a mailbox (maintainers); the mail already taken stays',
    params: mailboxParams,
    status: 204,
    async handler({ ctx, auth, params }) {
      await removeMailbox(ctx, auth.actor, params.id, params.mailbox_id);
    },
  }),
];
