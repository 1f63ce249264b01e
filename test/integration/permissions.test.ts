// Every route × every role, against the HTTP API. The expected status of each cell is written down below
// as data, by hand, from INTERFACE.md and GitLab's rules — never derived from src/domain/policy.ts, so a
// wrong policy fails here. A route added to allRoutes() without a row here fails the coverage test.
//
// Roles: anonymous (no token), non_member (signed in, not in the project), guest 10, reporter 20,
// developer 30, maintainer 40, owner 50 (members of the project), admin (instance admin, not a member).
// Project rules: may not see → 404, may see but not do → 403, no credentials → 401. Internal projects are
// visible to every signed-in user; private ones to members and admins only.
// Tickets, notes, files and mail are made through the use cases the mail loop uses (receiveInboundMessage,
// openTicketFromEmail, addReplyFromEmail, storeAttachments, recordInboundOutcome); nothing runs a worker.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addBlockedSender } from '../../src/app/blocked-senders/blocked-senders.ts';
import { addReplyFromEmail } from '../../src/app/inbound/add-reply-from-email.ts';
import type { EmailContent } from '../../src/app/inbound/email-content.ts';
import { recordInboundOutcome } from '../../src/app/inbound/inbound-outcome.ts';
import { openTicketFromEmail } from '../../src/app/inbound/open-ticket-from-email.ts';
import { receiveInboundMessage } from '../../src/app/inbound/receive-inbound-message.ts';
import { addProjectMember } from '../../src/app/members/change-project-member.ts';
import { addNote } from '../../src/app/notes/add-note.ts';
import { addMailbox } from '../../src/app/mailboxes/manage-mailboxes.ts';
import { addProjectAddress } from '../../src/app/service-desk/project-addresses.ts';
import { updateServiceDeskSettings } from '../../src/app/service-desk/service-desk-settings.ts';
import { storeAttachments, type IncomingFile } from '../../src/app/tickets/store-attachments.ts';
import { updateTicket } from '../../src/app/tickets/update-ticket.ts';
import { createPersonalAccessToken } from '../../src/app/tokens/create-personal-access-token.ts';
import { SYSTEM_ACTOR, type Actor } from '../../src/domain/actor.ts';
import type { ProjectRow } from '../../src/db/schema/projects.ts';
import { fullPath } from '../../src/http/register-routes.ts';
import { allRoutes } from '../../src/http/routes.ts';
import { startTestApp, uniqueName, type TestApp, type TestUser } from '../helpers/test-app.ts';
import { readRawMessage } from '../../src/app/inbound/raw-message.ts';
import { readBytes } from '../../src/db/pieces.ts';

const ROLES = ['anonymous', 'non_member', 'guest', 'reporter', 'developer', 'maintainer', 'owner', 'admin'] as const;
type Role = (typeof ROLES)[number];
type SignedInRole = Exclude<Role, 'anonymous'>;
type Status = 200 | 201 | 204 | 400 | 401 | 403 | 404 | 409;
/** One status per role, in the order of ROLES. */
type Row = readonly [
  anonymous: Status,
  non_member: Status,
  guest: Status,
  reporter: Status,
  developer: Status,
  maintainer: Status,
  owner: Status,
  admin: Status,
];

// prettier-ignore
const EXPECTED = {
  //                                                          anon non  guest rep  dev  maint owner admin
  'GET /api/v1/projects/:id': {
    'private project': [401, 404, 200, 200, 200, 200, 200, 200],
    'internal project': [401, 200, 200, 200, 200, 200, 200, 200],
    'public project': [401, 200, 200, 200, 200, 200, 200, 200],
    'no such project': [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'PUT /api/v1/projects/:id': {
    'private project: rename': [401, 404, 403, 403, 403, 200, 200, 200],
    'internal project: rename': [401, 403, 403, 403, 403, 200, 200, 200],
  },
  'GET /api/v1/projects/:id/members': {
    'private project': [401, 404, 200, 200, 200, 200, 200, 200],
    'internal project': [401, 200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/projects/:id/members': {
    'private project: add a developer': [401, 404, 403, 403, 403, 201, 201, 201],
    'internal project: add a developer': [401, 403, 403, 403, 403, 201, 201, 201],
    'private project: add an owner': [401, 404, 403, 403, 403, 403, 201, 201],
    'internal project: add an owner': [401, 403, 403, 403, 403, 403, 201, 201],
  },
  'PUT /api/v1/projects/:id/members/:user_id': {
    'private project: developer to reporter': [401, 404, 403, 403, 403, 200, 200, 200],
    'internal project: developer to reporter': [401, 403, 403, 403, 403, 200, 200, 200],
    'private project: developer to owner': [401, 404, 403, 403, 403, 403, 200, 200],
    'internal project: developer to owner': [401, 403, 403, 403, 403, 403, 200, 200],
    'private project: one of two owners to maintainer': [401, 404, 403, 403, 403, 403, 200, 200],
    'internal project: one of two owners to maintainer': [401, 403, 403, 403, 403, 403, 200, 200],
    'private project: the last owner to maintainer': [401, 404, 403, 403, 403, 403, 409, 409],
    'internal project: the last owner to maintainer': [401, 403, 403, 403, 403, 403, 409, 409],
  },
  'DELETE /api/v1/projects/:id/members/:user_id': {
    'private project: remove a developer': [401, 404, 403, 403, 403, 204, 204, 204],
    'internal project: remove a developer': [401, 403, 403, 403, 403, 204, 204, 204],
    'private project: remove one of two owners': [401, 404, 403, 403, 403, 403, 204, 204],
    'internal project: remove one of two owners': [401, 403, 403, 403, 403, 403, 204, 204],
    'private project: remove the last owner': [401, 404, 403, 403, 403, 403, 409, 409],
    'internal project: remove the last owner': [401, 403, 403, 403, 403, 403, 409, 409],
  },
  'GET /api/v1/projects/:id/service_desk': {
    'private project': [401, 404, 403, 200, 200, 200, 200, 200],
    'internal project': [401, 403, 403, 200, 200, 200, 200, 200],
  },
  'PUT /api/v1/projects/:id/service_desk': {
    'private project: change outgoing_name': [401, 404, 403, 403, 403, 200, 200, 200],
    'internal project: change outgoing_name': [401, 403, 403, 403, 403, 200, 200, 200],
    'private project: set a custom email and its SMTP account': [401, 404, 403, 403, 403, 200, 200, 200],
    'internal project: set a custom email and its SMTP account': [401, 403, 403, 403, 403, 200, 200, 200],
  },
  'POST /api/v1/projects/:id/service_desk/custom_email/verification': {
    'private project: verify again': [401, 404, 403, 403, 403, 200, 200, 200],
    'internal project: verify again': [401, 403, 403, 403, 403, 200, 200, 200],
  },
  'DELETE /api/v1/projects/:id/service_desk/custom_email': {
    'private project: reset': [401, 404, 403, 403, 403, 204, 204, 204],
    'internal project: reset': [401, 403, 403, 403, 403, 204, 204, 204],
  },
  'GET /api/v1/projects/:id/service_desk/addresses': {
    'private project': [401, 404, 403, 200, 200, 200, 200, 200],
    'internal project': [401, 403, 403, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/projects/:id/service_desk/addresses': {
    'private project: add billing': [401, 404, 403, 403, 403, 201, 201, 201],
    'internal project: add billing': [401, 403, 403, 403, 403, 201, 201, 201],
  },
  'DELETE /api/v1/projects/:id/service_desk/addresses/:key': {
    'private project: remove billing': [401, 404, 403, 403, 403, 204, 204, 204],
    'internal project: remove billing': [401, 403, 403, 403, 403, 204, 204, 204],
  },
  'GET /api/v1/projects/:id/service_desk/templates/:name': {
    'private project: thank_you': [401, 404, 403, 200, 200, 200, 200, 200],
    'internal project: thank_you': [401, 403, 403, 200, 200, 200, 200, 200],
  },
  'PUT /api/v1/projects/:id/service_desk/templates/:name': {
    'private project: save thank_you': [401, 404, 403, 403, 403, 200, 200, 200],
    'internal project: save thank_you': [401, 403, 403, 403, 403, 200, 200, 200],
  },
  'POST /api/v1/projects/:id/service_desk/templates/:name/preview': {
    'private project: preview for a ticket': [401, 404, 403, 200, 200, 200, 200, 200],
    'internal project: preview for a ticket': [401, 403, 403, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/projects': {
    list: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/projects': {
    create: [401, 201, 201, 201, 201, 201, 201, 201],
  },
  'GET /api/v1/user': {
    'the caller': [401, 200, 200, 200, 200, 200, 200, 200],
  },
  // Sessions: each caller signs in with their own password (anonymous: as some other existing user).
  'POST /api/v1/session': {
    'your own login and password': [200, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/session': {
    'your session cookie': [401, 200, 200, 200, 200, 200, 200, 200],
    'only a bearer token': [401, 401, 401, 401, 401, 401, 401, 401],
  },
  'DELETE /api/v1/session': {
    'your session cookie and its CSRF token': [401, 204, 204, 204, 204, 204, 204, 204],
  },
  'PUT /api/v1/user/password': {
    'your own, with the current password': [401, 204, 204, 204, 204, 204, 204, 204],
  },
  'GET /api/v1/user/notification_settings': {
    'your own': [401, 200, 200, 200, 200, 200, 200, 200],
  },
  'PUT /api/v1/user/notification_settings': {
    'your own': [401, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/users': {
    list: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/users/:id': {
    'another user': [401, 200, 200, 200, 200, 200, 200, 200],
    'no such user': [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'POST /api/v1/users': {
    create: [401, 403, 403, 403, 403, 403, 403, 201],
  },
  'GET /api/v1/users/:id/personal_access_tokens': {
    'own tokens': [401, 200, 200, 200, 200, 200, 200, 200],
    "another user's tokens": [401, 404, 404, 404, 404, 404, 404, 200],
    'no such user': [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'POST /api/v1/users/:id/personal_access_tokens': {
    'for oneself': [401, 201, 201, 201, 201, 201, 201, 201],
    'for another user': [401, 404, 404, 404, 404, 404, 404, 201],
    'no such user': [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'DELETE /api/v1/personal_access_tokens/:id': {
    'own token': [401, 204, 204, 204, 204, 204, 204, 204],
    "another user's token": [401, 404, 404, 404, 404, 404, 404, 204],
    'no such token': [401, 404, 404, 404, 404, 404, 404, 404],
  },
  // Tickets. Whoever sees the project sees its non-confidential tickets and may comment; a confidential
  // ticket does not exist (404) below reporter; changing a ticket, its participants and internal notes
  // start at reporter.
  'GET /api/v1/projects/:id/tickets': {
    'private project': [401, 404, 200, 200, 200, 200, 200, 200],
    'internal project': [401, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/projects/:id/ticket_counts': {
    'private project': [401, 404, 200, 200, 200, 200, 200, 200],
    'internal project': [401, 200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/projects/:id/tickets/:iid/read': {
    'private project, non-confidential ticket': [401, 404, 204, 204, 204, 204, 204, 204],
    'private project, confidential ticket': [401, 404, 404, 204, 204, 204, 204, 204],
    'internal project, non-confidential ticket': [401, 204, 204, 204, 204, 204, 204, 204],
    'internal project, confidential ticket': [401, 404, 404, 204, 204, 204, 204, 204],
  },
  'POST /api/v1/projects/:id/tickets': {
    'private project: a non-confidential ticket': [401, 404, 201, 201, 201, 201, 201, 201],
    'internal project: a non-confidential ticket': [401, 403, 201, 201, 201, 201, 201, 201],
    'private project: a confidential ticket': [401, 404, 201, 201, 201, 201, 201, 201],
    'internal project: a confidential ticket': [401, 403, 201, 201, 201, 201, 201, 201],
  },
  'GET /api/v1/projects/:id/tickets/:iid': {
    'private project, non-confidential ticket': [401, 404, 200, 200, 200, 200, 200, 200],
    'private project, confidential ticket': [401, 404, 404, 200, 200, 200, 200, 200],
    'internal project, non-confidential ticket': [401, 200, 200, 200, 200, 200, 200, 200],
    'internal project, confidential ticket': [401, 404, 404, 200, 200, 200, 200, 200],
    'private project, no such ticket': [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'PUT /api/v1/projects/:id/tickets/:iid': {
    'private project, non-confidential ticket': [401, 404, 403, 200, 200, 200, 200, 200],
    'private project, confidential ticket': [401, 404, 404, 200, 200, 200, 200, 200],
    'internal project, non-confidential ticket': [401, 403, 403, 200, 200, 200, 200, 200],
    'internal project, confidential ticket': [401, 404, 404, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/projects/:id/tickets/:iid/participants': {
    'private project, non-confidential ticket': [401, 404, 200, 200, 200, 200, 200, 200],
    'private project, confidential ticket': [401, 404, 404, 200, 200, 200, 200, 200],
    'internal project, non-confidential ticket': [401, 200, 200, 200, 200, 200, 200, 200],
    'internal project, confidential ticket': [401, 404, 404, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/projects/:id/tickets/:iid/participants': {
    'private project, non-confidential ticket': [401, 404, 403, 201, 201, 201, 201, 201],
    'private project, confidential ticket': [401, 404, 404, 201, 201, 201, 201, 201],
    'internal project, non-confidential ticket': [401, 403, 403, 201, 201, 201, 201, 201],
    'internal project, confidential ticket': [401, 404, 404, 201, 201, 201, 201, 201],
  },
  'DELETE /api/v1/projects/:id/tickets/:iid/participants/bounce': {
    'private project, non-confidential ticket': [401, 404, 403, 204, 204, 204, 204, 204],
    'private project, confidential ticket': [401, 404, 404, 204, 204, 204, 204, 204],
    'internal project, non-confidential ticket': [401, 403, 403, 204, 204, 204, 204, 204],
    'internal project, confidential ticket': [401, 404, 404, 204, 204, 204, 204, 204],
  },
  'DELETE /api/v1/projects/:id/tickets/:iid/participants': {
    'private project, non-confidential ticket': [401, 404, 403, 204, 204, 204, 204, 204],
    'private project, confidential ticket': [401, 404, 404, 204, 204, 204, 204, 204],
    'internal project, non-confidential ticket': [401, 403, 403, 204, 204, 204, 204, 204],
    'internal project, confidential ticket': [401, 404, 404, 204, 204, 204, 204, 204],
  },
  'GET /api/v1/projects/:id/events': {
    'private project': [401, 404, 200, 200, 200, 200, 200, 200],
    'internal project': [401, 200, 200, 200, 200, 200, 200, 200],
    'no such project': [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'GET /api/v1/projects/:id/tickets/:iid/notes': {
    'private project, non-confidential ticket': [401, 404, 200, 200, 200, 200, 200, 200],
    'private project, confidential ticket': [401, 404, 404, 200, 200, 200, 200, 200],
    'internal project, non-confidential ticket': [401, 200, 200, 200, 200, 200, 200, 200],
    'internal project, confidential ticket': [401, 404, 404, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/projects/:id/tickets/:iid/notes': {
    'private project, non-confidential ticket: a comment': [401, 404, 201, 201, 201, 201, 201, 201],
    'private project, confidential ticket: a comment': [401, 404, 404, 201, 201, 201, 201, 201],
    'internal project, non-confidential ticket: a comment': [401, 201, 201, 201, 201, 201, 201, 201],
    'internal project, confidential ticket: a comment': [401, 404, 404, 201, 201, 201, 201, 201],
    'private project, non-confidential ticket: an internal note': [401, 404, 403, 201, 201, 201, 201, 201],
    'private project, confidential ticket: an internal note': [401, 404, 404, 201, 201, 201, 201, 201],
    'internal project, non-confidential ticket: an internal note': [401, 403, 403, 201, 201, 201, 201, 201],
    'internal project, confidential ticket: an internal note': [401, 404, 404, 201, 201, 201, 201, 201],
  },
  // Whoever may comment may upload a file for the comment.
  'POST /api/v1/projects/:id/uploads': {
    'private project: a file': [401, 404, 201, 201, 201, 201, 201, 201],
    'internal project: a file': [401, 201, 201, 201, 201, 201, 201, 201],
  },
  // A file is readable by whoever may read what it belongs to; anyone else learns nothing (404).
  'GET /api/v1/attachments/:id': {
    'private project, non-confidential ticket: a file of the ticket': [401, 404, 200, 200, 200, 200, 200, 200],
    'private project, confidential ticket: a file of the ticket': [401, 404, 404, 200, 200, 200, 200, 200],
    'internal project, non-confidential ticket: a file of the ticket': [401, 200, 200, 200, 200, 200, 200, 200],
    'internal project, confidential ticket: a file of the ticket': [401, 404, 404, 200, 200, 200, 200, 200],
    'internal project, non-confidential ticket: a file of a customer reply': [401, 200, 200, 200, 200, 200, 200, 200],
    'internal project, confidential ticket: a file of a customer reply': [401, 404, 404, 200, 200, 200, 200, 200],
    'private project, non-confidential ticket: a file of an internal note': [401, 404, 404, 200, 200, 200, 200, 200],
    'internal project, non-confidential ticket: a file of an internal note': [401, 404, 404, 200, 200, 200, 200, 200],
    'no such file': [401, 404, 404, 404, 404, 404, 404, 404],
  },
  // A project's own IMAP mailboxes (their credentials and state): maintainers; GET /mailboxes lists what
  // the caller may watch (checked per item below), never refused to a signed-in user.
  'GET /api/v1/mailboxes': {
    'everything the caller may watch': [401, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/projects/:id/mailboxes': {
    'private project': [401, 404, 403, 403, 403, 200, 200, 200],
    'internal project': [401, 403, 403, 403, 403, 200, 200, 200],
  },
  'POST /api/v1/projects/:id/mailboxes': {
    'private project: add a mailbox': [401, 404, 403, 403, 403, 201, 201, 201],
    'internal project: add a mailbox': [401, 403, 403, 403, 403, 201, 201, 201],
  },
  'DELETE /api/v1/projects/:id/mailboxes/:mailbox_id': {
    'private project: remove a mailbox': [401, 404, 403, 403, 403, 204, 204, 204],
    'internal project: remove a mailbox': [401, 403, 403, 403, 403, 204, 204, 204],
  },
  // Blocked senders (issue 9): the list names customers, so reporters up read it (SD-86); maintainers change it.
  // Blocking a message's sender needs the message in the caller's mail log (maintainers, admins) and a project.
  'GET /api/v1/projects/:id/blocked_senders': {
    'private project': [401, 404, 403, 200, 200, 200, 200, 200],
    'internal project': [401, 403, 403, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/projects/:id/blocked_senders': {
    'private project: block a domain': [401, 404, 403, 403, 403, 201, 201, 201],
    'internal project: block a domain': [401, 403, 403, 403, 403, 201, 201, 201],
  },
  'DELETE /api/v1/projects/:id/blocked_senders/:blocked_id': {
    'private project: unblock': [401, 404, 403, 403, 403, 204, 204, 204],
    'internal project: unblock': [401, 403, 403, 403, 403, 204, 204, 204],
  },
  'POST /api/v1/inbound_messages/:id/block_sender': {
    "private project's message": [401, 404, 404, 404, 404, 201, 201, 201],
    "internal project's message": [401, 404, 404, 404, 404, 201, 201, 201],
    'unrouted message': [401, 404, 404, 404, 404, 404, 404, 409],
  },
  // The mail log is raw customer mail: maintainers of the project, and instance admins. A message is
  // addressed by its own id, so whoever may not read it learns nothing (404); mail that reached no
  // project (and a failed message, which keeps none) is the admins' alone.
  'GET /api/v1/inbound_messages': {
    'everything the caller may read': [401, 200, 200, 200, 200, 200, 200, 200],
    'private project: ?project_id=': [401, 404, 403, 403, 403, 200, 200, 200],
    'internal project: ?project_id=': [401, 403, 403, 403, 403, 200, 200, 200],
  },
  'GET /api/v1/inbound_messages/:id': {
    "private project's message": [401, 404, 404, 404, 404, 200, 200, 200],
    "internal project's message": [401, 404, 404, 404, 404, 200, 200, 200],
    'unrouted message': [401, 404, 404, 404, 404, 404, 404, 200],
    'no such message': [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'GET /api/v1/inbound_messages/:id/raw': {
    "private project's message": [401, 404, 404, 404, 404, 200, 200, 200],
    "internal project's message": [401, 404, 404, 404, 404, 200, 200, 200],
    'unrouted message': [401, 404, 404, 404, 404, 404, 404, 200],
  },
  'GET /api/v1/inbound_messages/:id/rendered': {
    "private project's message": [401, 404, 404, 404, 404, 200, 200, 200],
    "internal project's message": [401, 404, 404, 404, 404, 200, 200, 200],
    'unrouted message': [401, 404, 404, 404, 404, 404, 404, 200],
  },
  'POST /api/v1/inbound_messages/:id/replay': {
    "private project's ignored message": [401, 404, 404, 404, 404, 200, 200, 200],
    "internal project's ignored message": [401, 404, 404, 404, 404, 200, 200, 200],
    'failed message': [401, 404, 404, 404, 404, 404, 404, 200],
    "private project's processed message": [401, 404, 404, 404, 404, 409, 409, 409],
  },
  'GET /api/v1/outbound_messages': {
    'everything the caller may read': [401, 200, 200, 200, 200, 200, 200, 200],
    'private project: ?project_id=': [401, 404, 403, 403, 403, 200, 200, 200],
    'internal project: ?project_id=': [401, 403, 403, 403, 403, 200, 200, 200],
  },
  'GET /api/v1/outbound_messages/:id': {
    "private project's message": [401, 404, 404, 404, 404, 200, 200, 200],
    "internal project's message": [401, 404, 404, 404, 404, 200, 200, 200],
    'no such message': [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'GET /api/v1/outbound_messages/:id/raw': {
    "private project's message": [401, 404, 404, 404, 404, 200, 200, 200],
    "internal project's message": [401, 404, 404, 404, 404, 200, 200, 200],
  },
  'GET /api/v1/outbound_messages/:id/rendered': {
    "private project's message": [401, 404, 404, 404, 404, 200, 200, 200],
    "internal project's message": [401, 404, 404, 404, 404, 200, 200, 200],
  },
  // The webhook knows no users: only INBOUND_WEBHOOK_SECRET as the bearer opens it, whoever calls.
  'POST /api/v1/inbound/mime': {
    "the caller's own token instead of the secret": [401, 401, 401, 401, 401, 401, 401, 401],
    'a wrong secret': [401, 401, 401, 401, 401, 401, 401, 401],
    'the secret, a message/rfc822 body': [201, 201, 201, 201, 201, 201, 201, 201],
    'the secret, an empty body': [400, 400, 400, 400, 400, 400, 400, 400],
    'the secret, a JSON body': [400, 400, 400, 400, 400, 400, 400, 400],
  },
  'GET /health': {
    liveness: [200, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/health': {
    liveness: [200, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/openapi.json': {
    document: [200, 200, 200, 200, 200, 200, 200, 200],
  },
  // The unsubscribe link: the key is the authority, so every caller gets the same answer.
  'GET /-/unsubscribe/:key': {
    'a key we sent': [200, 200, 200, 200, 200, 200, 200, 200],
    'a key we never sent': [404, 404, 404, 404, 404, 404, 404, 404],
  },
  'POST /-/unsubscribe/:key': {
    'a key we sent, one-click': [200, 200, 200, 200, 200, 200, 200, 200],
    'a key we never sent': [404, 404, 404, 404, 404, 404, 404, 404],
  },
} as const satisfies Record<string, Record<string, Row>>;

/** Whether a private project appears in GET /projects for each signed-in role. */
// prettier-ignore
const LISTS_PRIVATE_PROJECT: Record<SignedInRole, boolean> = {
  non_member: false,
  guest: true,
  reporter: true,
  developer: true,
  maintainer: true,
  owner: true,
  admin: true,
};

/** Whether a role sees confidential tickets in the queue, and internal notes in a conversation (reporter up). */
// prettier-ignore
const SEES_CONFIDENTIAL: Record<SignedInRole, boolean> = {
  non_member: false,
  guest: false,
  reporter: true,
  developer: true,
  maintainer: true,
  owner: true,
  admin: true,
};
// prettier-ignore
const SEES_INTERNAL_NOTES: Record<SignedInRole, boolean> = {
  non_member: false,
  guest: false,
  reporter: true,
  developer: true,
  maintainer: true,
  owner: true,
  admin: true,
};

/** Whether GET /inbound_messages and /outbound_messages list a project's mail (maintainer up), and unrouted mail. */
// prettier-ignore
const LISTS_PROJECT_MAIL: Record<SignedInRole, boolean> = {
  non_member: false,
  guest: false,
  reporter: false,
  developer: false,
  maintainer: true,
  owner: true,
  admin: true,
};
// prettier-ignore
const LISTS_UNROUTED_MAIL: Record<SignedInRole, boolean> = {
  non_member: false,
  guest: false,
  reporter: false,
  developer: false,
  maintainer: false,
  owner: false,
  admin: true,
};

/** The error code the API must send with each refusing status (INTERFACE.md). */
const ERROR_CODE: Partial<Record<Status, string>> = { 400: 'invalid', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

// ---------------------------------------------------------------------------------------------------
// Fixtures and actions: how each cell is played.

interface World {
  t: TestApp;
  users: Record<SignedInRole, TestUser>;
  /** A signed-in user with no part in any case: whose tokens and profile "another user" means. */
  other: TestUser;
  /** Never a member: the user POST /members adds. */
  candidate: TestUser;
  /** A developer of every fresh project: the member PUT/DELETE changes or removes. */
  target: TestUser;
  /** A second owner, where a case needs one. */
  coOwner: TestUser;
}

interface Caller {
  role: Role;
  token: string | null;
  /** The caller's user id; for anonymous, some other existing user's. */
  userId: number;
}

interface Outcome {
  status: number;
  body: any;
  /** A page for people (text/html), which carries no JSON error code. */
  html?: boolean;
}

type Action = (w: World, caller: Caller) => Promise<Outcome>;
type Actions = { [R in keyof typeof EXPECTED]: { [S in keyof (typeof EXPECTED)[R]]: Action } };

type Visibility = 'private' | 'internal' | 'public';
const MEMBER_LEVELS: Array<[Exclude<SignedInRole, 'non_member' | 'owner' | 'admin'>, number]> = [
  ['guest', 10],
  ['reporter', 20],
  ['developer', 30],
  ['maintainer', 40],
];

/** A new project owned by the `owner` role, with the guest…maintainer roles as members, plus `extra`. */
async function freshProject(w: World, visibility: Visibility, extra: Array<[TestUser, number]> = []): Promise<ProjectRow> {
  const project = await w.t.project(w.users.owner, { visibility });
  const members: Array<[TestUser, number]> = [...MEMBER_LEVELS.map(([role, level]): [TestUser, number] => [w.users[role], level]), ...extra];
  for (const [member, level] of members) await addProjectMember(w.t.ctx, SYSTEM_ACTOR, String(project.id), member.user.id, level);
  return project;
}

const succeeded = (status: number) => status >= 200 && status < 300;

/** A write must happen exactly when the request succeeds: a refused request changes nothing. */
function assertEffect(outcome: Outcome, changed: boolean, what: string): void {
  assert.equal(changed, succeeded(outcome.status), `${what}: ${changed ? 'changed' : 'unchanged'} after ${outcome.status}`);
}

const db = (w: World) => w.t.ctx.db.db;

async function levelOf(w: World, projectId: number, userId: number): Promise<number | null> {
  const row = await db(w)
    .selectFrom('project_members')
    .select('access_level')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.access_level ?? null;
}

async function tokenCount(w: World, userId: number): Promise<number> {
  const rows = await db(w).selectFrom('personal_access_tokens').select('id').where('user_id', '=', userId).execute();
  return rows.length;
}

async function extraToken(w: World, userId: number): Promise<number> {
  const { row } = await createPersonalAccessToken(w.t.ctx, SYSTEM_ACTOR, userId, { name: uniqueName('spare') });
  return row.id;
}

/** Every user the test app makes has this password. */
const PASSWORD = 'correct horse battery';

const usernameOf = async (w: World, id: number) => (await db(w).selectFrom('users').select('username').where('id', '=', id).executeTakeFirstOrThrow()).username;

const sessionCount = async (w: World, userId: number) => (await db(w).selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length;

/** A browser session of the caller (none for anonymous). */
async function browserSession(w: World, c: Caller): Promise<{ cookie: string; csrf: string } | null> {
  if (c.role === 'anonymous') return null;
  const response = await w.t.http.inject({ method: 'POST', url: '/api/v1/session', payload: { login: await usernameOf(w, c.userId), password: PASSWORD } });
  assert.equal(response.statusCode, 200, response.body);
  return { cookie: response.cookies.find((k) => k.name === 'postdesk_session')!.value, csrf: response.json().csrf_token };
}

const call = (w: World, c: Caller, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => w.t.request(c.token, method, url, body);

const getProject =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const outcome = await call(w, c, 'GET', `/api/v1/projects/${p.id}`);
    if (succeeded(outcome.status)) assert.equal(outcome.body.id, p.id);
    return outcome;
  };

const renameProject =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const outcome = await call(w, c, 'PUT', `/api/v1/projects/${p.id}`, { name: 'Renamed' });
    const row = await db(w).selectFrom('projects').select('name').where('id', '=', p.id).executeTakeFirstOrThrow();
    assertEffect(outcome, row.name === 'Renamed', 'project name');
    return outcome;
  };

const listMembers =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const outcome = await call(w, c, 'GET', `/api/v1/projects/${p.id}/members`);
    if (succeeded(outcome.status)) assert.equal(outcome.body.length, 5, 'owner and four members');
    return outcome;
  };

const addMember =
  (visibility: Visibility, level: number): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const outcome = await call(w, c, 'POST', `/api/v1/projects/${p.id}/members`, { user_id: w.candidate.user.id, access_level: level });
    assertEffect(outcome, (await levelOf(w, p.id, w.candidate.user.id)) === level, 'membership added');
    return outcome;
  };

/** Changes `who` (a member made by `setup`) from its level to `to`. */
const changeMember =
  (visibility: Visibility, who: 'target' | 'coOwner' | 'owner', to: number): Action =>
  async (w, c) => {
    const user = who === 'owner' ? w.users.owner : w[who];
    const extra: Array<[TestUser, number]> = who === 'target' ? [[w.target, 30]] : who === 'coOwner' ? [[w.coOwner, 50]] : [];
    const p = await freshProject(w, visibility, extra);
    const before = await levelOf(w, p.id, user.user.id);
    const outcome = await call(w, c, 'PUT', `/api/v1/projects/${p.id}/members/${user.user.id}`, { access_level: to });
    const now = await levelOf(w, p.id, user.user.id);
    assertEffect(outcome, now !== before, 'member level');
    if (succeeded(outcome.status)) assert.equal(now, to);
    return outcome;
  };

const removeMember =
  (visibility: Visibility, who: 'target' | 'coOwner' | 'owner'): Action =>
  async (w, c) => {
    const user = who === 'owner' ? w.users.owner : w[who];
    const extra: Array<[TestUser, number]> = who === 'target' ? [[w.target, 30]] : who === 'coOwner' ? [[w.coOwner, 50]] : [];
    const p = await freshProject(w, visibility, extra);
    const outcome = await call(w, c, 'DELETE', `/api/v1/projects/${p.id}/members/${user.user.id}`);
    assertEffect(outcome, (await levelOf(w, p.id, user.user.id)) === null, 'membership removed');
    return outcome;
  };

const blockedValues = async (w: World, projectId: number) =>
  (await db(w).selectFrom('blocked_senders').select('value').where('project_id', '=', projectId).execute()).map((r) => r.value);

const listBlocked =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    await addBlockedSender(w.t.ctx, SYSTEM_ACTOR, String(p.id), { value: 'spam.example' });
    const outcome = await call(w, c, 'GET', `/api/v1/projects/${p.id}/blocked_senders`);
    if (succeeded(outcome.status))
      assert.deepEqual(
        outcome.body.map((b: { value: string }) => b.value),
        ['spam.example'],
      );
    return outcome;
  };

const addBlocked =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const outcome = await call(w, c, 'POST', `/api/v1/projects/${p.id}/blocked_senders`, { value: '@spam.example' });
    assertEffect(outcome, (await blockedValues(w, p.id)).includes('spam.example'), 'sender blocked');
    return outcome;
  };

const removeBlocked =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const entry = await addBlockedSender(w.t.ctx, SYSTEM_ACTOR, String(p.id), { value: 'spam.example' });
    const outcome = await call(w, c, 'DELETE', `/api/v1/projects/${p.id}/blocked_senders/${entry.id}`);
    assertEffect(outcome, (await blockedValues(w, p.id)).length === 0, 'sender unblocked');
    return outcome;
  };

const blockMessageSender =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const t = await mailTicket(w, visibility, false);
    const outcome = await call(w, c, 'POST', `/api/v1/inbound_messages/${t.inboundId}/block_sender`);
    assertEffect(outcome, (await blockedValues(w, t.project.id)).includes(CUSTOMER), "the message's From blocked");
    return outcome;
  };

const addressKeys = async (w: World, projectId: number) =>
  (await db(w).selectFrom('project_addresses').select('key').where('project_id', '=', projectId).execute()).map((r) => r.key);

const listAddresses =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    await addProjectAddress(w.t.ctx, SYSTEM_ACTOR, String(p.id), { key: 'billing', labels: ['billing'] });
    const outcome = await call(w, c, 'GET', `/api/v1/projects/${p.id}/service_desk/addresses`);
    if (succeeded(outcome.status))
      assert.deepEqual(
        outcome.body.map((a: { key: string }) => a.key),
        ['billing'],
      );
    return outcome;
  };

const addAddress =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const outcome = await call(w, c, 'POST', `/api/v1/projects/${p.id}/service_desk/addresses`, { key: 'billing', labels: ['billing'] });
    assertEffect(outcome, (await addressKeys(w, p.id)).includes('billing'), 'address added');
    return outcome;
  };

const removeAddress =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    await addProjectAddress(w.t.ctx, SYSTEM_ACTOR, String(p.id), { key: 'billing', labels: ['billing'] });
    const outcome = await call(w, c, 'DELETE', `/api/v1/projects/${p.id}/service_desk/addresses/billing`);
    assertEffect(outcome, !(await addressKeys(w, p.id)).includes('billing'), 'address removed');
    return outcome;
  };

const mailboxIds = async (w: World, projectId: number) =>
  (await db(w).selectFrom('mailboxes').select('id').where('project_id', '=', projectId).execute()).map((r) => r.id);
const mailboxUrl = () => `imaps://${uniqueName('desk')}%40customer.example:secret@imap.customer.example/INBOX`;
const projectMailbox = (w: World, projectId: number) => addMailbox(w.t.ctx, SYSTEM_ACTOR, String(projectId), { imapUrl: mailboxUrl() });

const listMailboxes =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const mailbox = await projectMailbox(w, p.id);
    const outcome = await call(w, c, 'GET', `/api/v1/projects/${p.id}/mailboxes`);
    if (succeeded(outcome.status))
      assert.deepEqual(
        outcome.body.map((m: { id: number }) => m.id),
        [mailbox.id],
      );
    return outcome;
  };

const addMailboxAction =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const outcome = await call(w, c, 'POST', `/api/v1/projects/${p.id}/mailboxes`, { imap_url: mailboxUrl() });
    assertEffect(outcome, (await mailboxIds(w, p.id)).length === 1, 'mailbox added');
    return outcome;
  };

const removeMailboxAction =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const mailbox = await projectMailbox(w, p.id);
    const outcome = await call(w, c, 'DELETE', `/api/v1/projects/${p.id}/mailboxes/${mailbox.id}`);
    assertEffect(outcome, (await mailboxIds(w, p.id)).length === 0, 'mailbox removed');
    return outcome;
  };

const getServiceDesk =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    await withCustomEmail(w, p.id);
    const outcome = await call(w, c, 'GET', `/api/v1/projects/${p.id}/service_desk`);
    if (succeeded(outcome.status)) {
      assert.equal(outcome.body.project_id, p.id);
      // The custom address's SMTP account is for those who may change it (SD-92); its password for nobody.
      const seesAccount = ['maintainer', 'owner', 'admin'].includes(c.role);
      assert.equal(outcome.body.custom_email_smtp_username, seesAccount ? CUSTOM_EMAIL.custom_email_smtp_username : null, `account for ${c.role}`);
      assert.equal(JSON.stringify(outcome.body).includes(CUSTOM_EMAIL.custom_email_smtp_password), false, 'the password is never returned');
    }
    return outcome;
  };

const updateServiceDesk =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const outcome = await call(w, c, 'PUT', `/api/v1/projects/${p.id}/service_desk`, { outgoing_name: 'Help Desk' });
    const row = await db(w).selectFrom('service_desk_settings').select('outgoing_name').where('project_id', '=', p.id).executeTakeFirstOrThrow();
    assertEffect(outcome, row.outgoing_name === 'Help Desk', 'service desk outgoing_name');
    return outcome;
  };

const CUSTOM_EMAIL = {
  custom_email_smtp_address: 'smtp.customer.example',
  custom_email_smtp_port: 587,
  custom_email_smtp_username: 'desk@customer.example',
  custom_email_smtp_password: 'a-secret-password',
};
const credentialsOf = (w: World, projectId: number) =>
  db(w).selectFrom('custom_email_credentials').selectAll().where('project_id', '=', projectId).executeTakeFirst();
const withCustomEmail = async (w: World, projectId: number) =>
  updateServiceDeskSettings(w.t.ctx, SYSTEM_ACTOR, String(projectId), { custom_email: `${uniqueName('help')}@customer.example`, ...CUSTOM_EMAIL });

const setCustomEmail =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const outcome = await call(w, c, 'PUT', `/api/v1/projects/${p.id}/service_desk`, {
      custom_email: `${uniqueName('help')}@customer.example`,
      ...CUSTOM_EMAIL,
    });
    assertEffect(outcome, (await credentialsOf(w, p.id)) !== undefined, 'SMTP account stored');
    return outcome;
  };

const verifyCustomEmailAgain =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const before = (await withCustomEmail(w, p.id)).settings.custom_email_started_at;
    await new Promise((resolve) => setTimeout(resolve, 2)); // a later start time than the first
    const outcome = await call(w, c, 'POST', `/api/v1/projects/${p.id}/service_desk/custom_email/verification`);
    const row = await db(w).selectFrom('service_desk_settings').select('custom_email_started_at').where('project_id', '=', p.id).executeTakeFirstOrThrow();
    assertEffect(outcome, row.custom_email_started_at !== before, 'verification started again');
    return outcome;
  };

const resetCustomEmailAction =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    await withCustomEmail(w, p.id);
    const outcome = await call(w, c, 'DELETE', `/api/v1/projects/${p.id}/service_desk/custom_email`);
    assertEffect(outcome, (await credentialsOf(w, p.id)) === undefined, 'SMTP account deleted');
    return outcome;
  };

const getTemplate =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const outcome = await call(w, c, 'GET', `/api/v1/projects/${p.id}/service_desk/templates/thank_you`);
    if (succeeded(outcome.status)) assert.equal(outcome.body.default, true);
    return outcome;
  };

const saveTemplate =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const outcome = await call(w, c, 'PUT', `/api/v1/projects/${p.id}/service_desk/templates/thank_you`, { content: 'Thanks %{ISSUE_ID}' });
    const row = await db(w).selectFrom('service_desk_templates').select('content').where('project_id', '=', p.id).executeTakeFirst();
    assertEffect(outcome, row?.content === 'Thanks %{ISSUE_ID}', 'thank_you template saved');
    return outcome;
  };

const previewTemplate =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const ticket = await mailTicket(w, visibility, false);
    const outcome = await call(w, c, 'POST', `/api/v1/projects/${ticket.project.id}/service_desk/templates/thank_you/preview`, {
      content: '%{ISSUE_ID}',
      ticket_iid: ticket.iid,
    });
    if (succeeded(outcome.status)) assert.ok(outcome.body.text.startsWith(`#${ticket.iid}`), outcome.body.text);
    return outcome;
  };

const NO_SUCH_ID = 987654;

// --- Tickets, notes, files and mail: made through the use cases the mail loop and the API use.

const WEBHOOK_SECRET = 'permissions-test-webhook-secret-0123456789';
const CUSTOMER = 'user@example.com';
const DESK = 'support@postdesk.test';

const userActor = (u: TestUser): Actor => ({ kind: 'user', userId: u.user.id, admin: u.user.admin === 1 });

/** A raw mail from the customer; every one differs (its Message-ID), so none is a duplicate of another. */
function customerMail(subject: string): { raw: Buffer; messageId: string } {
  const messageId = `<${uniqueName('m')}@customer.example>`;
  const raw = [
    `From: Customer <${CUSTOMER}>`,
    `To: ${DESK}`,
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    'Date: Mon, 02 Jun 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'My printer is on fire.',
    '',
  ].join('\r\n');
  return { raw: Buffer.from(raw), messageId };
}

const aFile = (name: string): IncomingFile => ({
  filename: name,
  contentType: 'application/pdf',
  content: Buffer.from(`%PDF-1.4 ${name}`),
  contentId: null,
  inline: false,
});

/** Stores a mail as every receiver does; it stays `received` (no worker runs here), with no project. */
async function receiveMail(w: World, subject = 'Hello'): Promise<{ id: number; raw: Buffer; messageId: string }> {
  const mail = customerMail(subject);
  const { id } = await receiveInboundMessage(w.t.ctx, { raw: mail.raw, channel: 'smtp', envelopeFrom: CUSTOMER, envelopeTo: [DESK] });
  return { id, ...mail };
}

/** What the ingest job would hand the use cases for `mail`, routed as `matchedBy`. */
function emailContent(mail: { id: number; raw: Buffer; messageId: string }, subject: string, matchedBy: string, files: IncomingFile[]): EmailContent {
  return {
    inboundMessageId: mail.id,
    rawSha256: createHash('sha256').update(mail.raw).digest('hex'),
    contentSha256: createHash('sha256').update(mail.raw).digest('hex'),
    summary: { message_id: mail.messageId, from_address: CUSTOMER, to_addresses: [DESK], subject },
    messageId: mail.messageId,
    subject,
    sender: CUSTOMER,
    cc: [],
    recipients: [DESK],
    body: 'My printer is on fire.',
    bodyIsEmpty: false,
    files,
    matchedBy,
  };
}

interface MailTicket {
  project: ProjectRow;
  iid: number;
  ticketId: number;
  /** The inbound message that opened the ticket (processed, of the project). */
  inboundId: number;
  /** The file that came with the first mail. */
  fileId: number;
}

/**
 * A ticket opened by a customer's mail (external author, the customer as participant, a file, a
 * thank-you in the outbox), in a fresh project; confidential or not through the API's use case.
 */
async function mailTicket(w: World, visibility: Visibility, confidential: boolean): Promise<MailTicket> {
  return mailTicketIn(w, await freshProject(w, visibility), confidential);
}

async function mailTicketIn(w: World, project: ProjectRow, confidential: boolean): Promise<MailTicket> {
  const mail = await receiveMail(w, 'Printer on fire');
  const { ticketId, iid } = await openTicketFromEmail(w.t.ctx, project.id, emailContent(mail, 'Printer on fire', 'project_key', [aFile('invoice.pdf')]));
  await updateTicket(w.t.ctx, SYSTEM_ACTOR, String(project.id), iid, { confidential });
  const file = await db(w).selectFrom('attachments').select('id').where('ticket_id', '=', ticketId).executeTakeFirstOrThrow();
  return { project, iid, ticketId, inboundId: mail.id, fileId: file.id };
}

/** The customer's reply to the ticket, with a file; returns the file's id. */
async function customerReplyWithFile(w: World, ticket: MailTicket): Promise<number> {
  const mail = await receiveMail(w, 'Re: Printer on fire');
  const { noteId } = await addReplyFromEmail(w.t.ctx, ticket.ticketId, emailContent(mail, 'Re: Printer on fire', 'reply_key', [aFile('photo.pdf')]));
  const file = await db(w).selectFrom('attachments').select('id').where('note_id', '=', noteId).executeTakeFirstOrThrow();
  return file.id;
}

/** An internal note by the owner, with a file stored as the mail loop stores them; returns the note and file ids. */
async function internalNoteWithFile(w: World, ticket: MailTicket): Promise<{ noteId: number; fileId: number }> {
  const { note } = await addNote(w.t.ctx, userActor(w.users.owner), String(ticket.project.id), ticket.iid, {
    body: 'Internal: the customer owes us money',
    internal: true,
  });
  if (!note) throw new Error('a note with text is stored');
  const now = new Date().toISOString();
  await storeAttachments(db(w), { ticketId: ticket.ticketId, noteId: note.id, publicUrl: w.t.ctx.config.publicUrl, now }, note.body, [aFile('ledger.pdf')]);
  const file = await db(w).selectFrom('attachments').select('id').where('note_id', '=', note.id).executeTakeFirstOrThrow();
  return { noteId: note.id, fileId: file.id };
}

type TicketCase =
  | 'private project, non-confidential ticket'
  | 'private project, confidential ticket'
  | 'internal project, non-confidential ticket'
  | 'internal project, confidential ticket';

const TICKET_CASES: Record<TicketCase, [Visibility, boolean]> = {
  'private project, non-confidential ticket': ['private', false],
  'private project, confidential ticket': ['private', true],
  'internal project, non-confidential ticket': ['internal', false],
  'internal project, confidential ticket': ['internal', true],
};

/** The same play on a fresh mail ticket of each of the four kinds. */
const perTicket = (play: (w: World, c: Caller, ticket: MailTicket) => Promise<Outcome>): Record<TicketCase, Action> =>
  Object.fromEntries(
    Object.entries(TICKET_CASES).map(([name, [visibility, confidential]]) => [
      name,
      async (w: World, c: Caller) => play(w, c, await mailTicket(w, visibility, confidential)),
    ]),
  ) as Record<TicketCase, Action>;

const ticketUrl = (t: MailTicket, rest = '') => `/api/v1/projects/${t.project.id}/tickets/${t.iid}${rest}`;

async function participants(w: World, ticketId: number): Promise<string[]> {
  return (await db(w).selectFrom('participants').select('email').where('ticket_id', '=', ticketId).execute()).map((r) => r.email);
}

/** Any request, answering the body as JSON when it is JSON and as bytes otherwise. */
async function inject(
  w: World,
  options: { method: 'GET' | 'POST'; url: string; bearer: string | null; contentType?: string; payload?: string | Buffer },
): Promise<Outcome & { raw: Buffer; headers: Record<string, unknown> }> {
  const response = await w.t.http.inject({
    method: options.method,
    url: options.url,
    headers: { ...(options.bearer && { authorization: `Bearer ${options.bearer}` }), ...(options.contentType && { 'content-type': options.contentType }) },
    ...(options.payload !== undefined && { payload: options.payload }),
  });
  const json = String(response.headers['content-type'] ?? '').startsWith('application/json');
  return { status: response.statusCode, body: json ? JSON.parse(response.body) : response.body, raw: response.rawPayload, headers: response.headers };
}

/** A message of `project` that processing ignored (as screening records it), ready to be replayed. */
async function ignoredMessage(w: World, project: ProjectRow): Promise<number> {
  const mail = await receiveMail(w, 'Out of office');
  await recordInboundOutcome(db(w), w.t.ctx, mail.id, null, { state: 'ignored', reason: 'auto_reply: out of office', project_id: project.id });
  return mail.id;
}

async function inboundState(w: World, id: number): Promise<string> {
  return (await db(w).selectFrom('inbound_messages').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
}

async function outboundOf(w: World, ticket: MailTicket): Promise<number> {
  // The customer's thank-you: a member who asked to hear of new tickets gets a notice for the same ticket.
  const thanks = db(w).selectFrom('outbound_messages').select('id').where('ticket_id', '=', ticket.ticketId).where('kind', '=', 'thank_you');
  return (await thanks.executeTakeFirstOrThrow()).id;
}

const listTickets =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const project = await freshProject(w, visibility);
    const open = await mailTicketIn(w, project, false);
    const secret = await mailTicketIn(w, project, true);
    const outcome = await call(w, c, 'GET', `/api/v1/projects/${project.id}/tickets?state=all&per_page=100`);
    if (succeeded(outcome.status)) {
      const role = c.role as SignedInRole;
      const ids = outcome.body.map((t: any) => t.id);
      assert.ok(ids.includes(open.ticketId), 'the non-confidential ticket is listed');
      assert.equal(ids.includes(secret.ticketId), SEES_CONFIDENTIAL[role], `confidential ticket listed to ${role}`);
      assert.equal(outcome.headers['x-total'], String(ids.length), 'X-Total counts what the caller may see');
    }
    return outcome;
  };

/** The counts of a project with one open and one confidential ticket: the latter only from reporter up. */
const countTickets =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const project = await freshProject(w, visibility);
    await mailTicketIn(w, project, false);
    await mailTicketIn(w, project, true);
    const outcome = await call(w, c, 'GET', `/api/v1/projects/${project.id}/ticket_counts`);
    if (succeeded(outcome.status)) {
      const seen = SEES_CONFIDENTIAL[c.role as SignedInRole] ? 2 : 1;
      assert.deepEqual(outcome.body, { opened: seen, closed: 0, all: seen, at_least: [] }, `counts for ${c.role}`);
    }
    return outcome;
  };

const createTicketAs =
  (visibility: Visibility, confidential: boolean): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const title = uniqueName('Walk-in ');
    const outcome = await call(w, c, 'POST', `/api/v1/projects/${p.id}/tickets`, { title, confidential });
    const row = await db(w).selectFrom('tickets').select(['id', 'confidential']).where('project_id', '=', p.id).where('title', '=', title).executeTakeFirst();
    assertEffect(outcome, row !== undefined, 'ticket created');
    if (row) assert.equal(row.confidential, confidential ? 1 : 0);
    if (succeeded(outcome.status)) {
      assert.equal(outcome.body.id, row?.id);
      assert.equal(outcome.body.confidential, confidential);
      // As in GitLab, the author reads their own ticket back, even a confidential one below reporter.
      const readBack = await call(w, c, 'GET', `/api/v1/projects/${p.id}/tickets/${outcome.body.iid}`);
      assert.equal(readBack.status, 200);
    }
    return outcome;
  };

const addNoteCases = <Suffix extends string>(internal: boolean, suffix: Suffix) =>
  Object.fromEntries(
    Object.entries(
      perTicket(async (w, c, t) => {
        const body = uniqueName('note ');
        const outcome = await call(w, c, 'POST', ticketUrl(t, '/notes'), { body, internal });
        const row = await db(w).selectFrom('notes').select('internal').where('ticket_id', '=', t.ticketId).where('body', '=', body).executeTakeFirst();
        assertEffect(outcome, row !== undefined, 'note added');
        if (row) assert.equal(row.internal, internal ? 1 : 0);
        return outcome;
      }),
    ).map(([name, action]) => [`${name}${suffix}`, action]),
  ) as Record<`${TicketCase}${Suffix}`, Action>;

/** GET /attachments/:id of a file that `make` adds to a fresh ticket of each kind in `cases`. */
function fileCases<Name extends string, Case extends TicketCase = TicketCase>(
  name: Name,
  make: (w: World, t: MailTicket) => Promise<number>,
  cases: Case[] = Object.keys(TICKET_CASES) as Case[],
): Record<`${Case}: ${Name}`, Action> {
  const all = perTicket(async (w, c, t) => {
    const fileId = await make(w, t);
    const outcome = await inject(w, { method: 'GET', url: `/api/v1/attachments/${fileId}`, bearer: c.token });
    if (succeeded(outcome.status)) {
      assert.deepEqual(outcome.raw, await readBytes(db(w), 'attachment', fileId), 'the file, byte for byte');
      assert.equal(outcome.headers['content-type'], 'application/octet-stream');
      assert.match(String(outcome.headers['content-disposition']), /^attachment; /);
    }
    return outcome;
  });
  return Object.fromEntries(cases.map((c) => [`${c}: ${name}`, all[c]])) as Record<`${Case}: ${Name}`, Action>;
}

/** POST …/uploads of a small file as multipart/form-data, the way a browser sends it. */
const uploadFile =
  (visibility: Visibility): Action =>
  async (w, c) => {
    const p = await freshProject(w, visibility);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4 upload')], { type: 'application/pdf' }), 'upload.pdf');
    const encoded = new Response(form);
    const outcome = await inject(w, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/uploads`,
      bearer: c.token,
      contentType: encoded.headers.get('content-type')!,
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    const stored = await db(w).selectFrom('attachments').select('id').where('project_id', '=', p.id).where('uploader_id', '=', c.userId).execute();
    assertEffect(outcome, stored.length > 0, 'upload stored');
    if (succeeded(outcome.status)) assert.equal(outcome.body.id, stored[0]!.id);
    return outcome;
  };

const mailLogOfProject =
  (kind: 'inbound' | 'outbound', visibility: Visibility): Action =>
  async (w, c) => {
    const t = await mailTicket(w, visibility, false);
    const outcome = await call(w, c, 'GET', `/api/v1/${kind}_messages?per_page=100&project_id=${t.project.id}`);
    if (succeeded(outcome.status)) {
      assert.ok(outcome.body.length >= 1, 'outcome.body.length >= 1');
      assert.ok(
        outcome.body.every((m: any) => m.project_id === t.project.id),
        'only the mail of that project',
      );
    }
    return outcome;
  };

/** GET /inbound_messages/:id (or …/raw) of the mail that opened a ticket, or of an unrouted one (null). */
const getInbound =
  (visibility: Visibility | null, rest: '' | '/raw' | '/rendered'): Action =>
  async (w, c) => {
    const id = visibility === null ? (await receiveMail(w)).id : (await mailTicket(w, visibility, false)).inboundId;
    const mail = { id, raw: await readRawMessage(db(w), id) };
    const outcome = await inject(w, { method: 'GET', url: `/api/v1/inbound_messages/${mail.id}${rest}`, bearer: c.token });
    if (succeeded(outcome.status)) {
      if (rest === '/raw') {
        assert.deepEqual(outcome.raw, mail.raw, 'the message exactly as received');
        assert.equal(outcome.headers['content-type'], 'message/rfc822');
      } else if (rest === '/rendered') {
        assert.equal(outcome.headers['content-type'], 'text/html; charset=utf-8');
        assert.match(String(outcome.body), /My printer is on fire\./);
      } else {
        assert.equal(outcome.body.id, mail.id);
      }
    }
    return outcome;
  };

const getOutbound =
  (visibility: Visibility, rest: '' | '/raw' | '/rendered'): Action =>
  async (w, c) => {
    const id = await outboundOf(w, await mailTicket(w, visibility, false));
    const outcome = await inject(w, { method: 'GET', url: `/api/v1/outbound_messages/${id}${rest}`, bearer: c.token });
    if (succeeded(outcome.status)) {
      if (rest === '/raw') assert.equal(outcome.headers['content-type'], 'message/rfc822');
      else if (rest === '/rendered') assert.match(String(outcome.body), /<th scope="row">To<\/th><td>user@example\.com<\/td>/);
      else assert.equal(outcome.body.id, id);
    }
    return outcome;
  };

async function replay(w: World, c: Caller, id: number): Promise<Outcome> {
  const before = await inboundState(w, id);
  const outcome = await call(w, c, 'POST', `/api/v1/inbound_messages/${id}/replay`);
  const now = await inboundState(w, id);
  assertEffect(outcome, now !== before, 'message back to received');
  if (succeeded(outcome.status)) assert.equal(outcome.body.state, 'received');
  return outcome;
}

async function webhook(w: World, bearer: string | null, payload: Buffer | string, contentType = 'message/rfc822'): Promise<Outcome> {
  const before = await db(w).selectFrom('inbound_messages').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const outcome = await inject(w, { method: 'POST', url: '/api/v1/inbound/mime', bearer, contentType, payload });
  const stored = await db(w)
    .selectFrom('inbound_messages')
    .select(['id', 'channel', 'state'])
    .where('id', '>', before?.id ?? 0)
    .execute();
  assertEffect(outcome, stored.length > 0, 'message stored');
  if (succeeded(outcome.status)) {
    assert.equal(stored.length, 1);
    assert.deepEqual(outcome.body, { id: stored[0]!.id, state: 'received' });
    assert.equal(stored[0]!.channel, 'http');
    assert.deepEqual(await readRawMessage(db(w), stored[0]!.id), Buffer.from(payload));
  }
  return outcome;
}

const ACTIONS: Actions = {
  'GET /api/v1/projects/:id': {
    'private project': getProject('private'),
    'internal project': getProject('internal'),
    'public project': getProject('public'),
    'no such project': (w, c) => call(w, c, 'GET', `/api/v1/projects/${NO_SUCH_ID}`),
  },
  'PUT /api/v1/projects/:id': {
    'private project: rename': renameProject('private'),
    'internal project: rename': renameProject('internal'),
  },
  'GET /api/v1/projects/:id/members': {
    'private project': listMembers('private'),
    'internal project': listMembers('internal'),
  },
  'POST /api/v1/projects/:id/members': {
    'private project: add a developer': addMember('private', 30),
    'internal project: add a developer': addMember('internal', 30),
    'private project: add an owner': addMember('private', 50),
    'internal project: add an owner': addMember('internal', 50),
  },
  'PUT /api/v1/projects/:id/members/:user_id': {
    'private project: developer to reporter': changeMember('private', 'target', 20),
    'internal project: developer to reporter': changeMember('internal', 'target', 20),
    'private project: developer to owner': changeMember('private', 'target', 50),
    'internal project: developer to owner': changeMember('internal', 'target', 50),
    'private project: one of two owners to maintainer': changeMember('private', 'coOwner', 40),
    'internal project: one of two owners to maintainer': changeMember('internal', 'coOwner', 40),
    'private project: the last owner to maintainer': changeMember('private', 'owner', 40),
    'internal project: the last owner to maintainer': changeMember('internal', 'owner', 40),
  },
  'DELETE /api/v1/projects/:id/members/:user_id': {
    'private project: remove a developer': removeMember('private', 'target'),
    'internal project: remove a developer': removeMember('internal', 'target'),
    'private project: remove one of two owners': removeMember('private', 'coOwner'),
    'internal project: remove one of two owners': removeMember('internal', 'coOwner'),
    'private project: remove the last owner': removeMember('private', 'owner'),
    'internal project: remove the last owner': removeMember('internal', 'owner'),
  },
  'GET /api/v1/projects/:id/service_desk': {
    'private project': getServiceDesk('private'),
    'internal project': getServiceDesk('internal'),
  },
  'PUT /api/v1/projects/:id/service_desk': {
    'private project: change outgoing_name': updateServiceDesk('private'),
    'internal project: change outgoing_name': updateServiceDesk('internal'),
    'private project: set a custom email and its SMTP account': setCustomEmail('private'),
    'internal project: set a custom email and its SMTP account': setCustomEmail('internal'),
  },
  'POST /api/v1/projects/:id/service_desk/custom_email/verification': {
    'private project: verify again': verifyCustomEmailAgain('private'),
    'internal project: verify again': verifyCustomEmailAgain('internal'),
  },
  'DELETE /api/v1/projects/:id/service_desk/custom_email': {
    'private project: reset': resetCustomEmailAction('private'),
    'internal project: reset': resetCustomEmailAction('internal'),
  },
  'GET /api/v1/projects/:id/service_desk/addresses': {
    'private project': listAddresses('private'),
    'internal project': listAddresses('internal'),
  },
  'POST /api/v1/projects/:id/service_desk/addresses': {
    'private project: add billing': addAddress('private'),
    'internal project: add billing': addAddress('internal'),
  },
  'DELETE /api/v1/projects/:id/service_desk/addresses/:key': {
    'private project: remove billing': removeAddress('private'),
    'internal project: remove billing': removeAddress('internal'),
  },
  'GET /api/v1/projects/:id/service_desk/templates/:name': {
    'private project: thank_you': getTemplate('private'),
    'internal project: thank_you': getTemplate('internal'),
  },
  'PUT /api/v1/projects/:id/service_desk/templates/:name': {
    'private project: save thank_you': saveTemplate('private'),
    'internal project: save thank_you': saveTemplate('internal'),
  },
  'POST /api/v1/projects/:id/service_desk/templates/:name/preview': {
    'private project: preview for a ticket': previewTemplate('private'),
    'internal project: preview for a ticket': previewTemplate('internal'),
  },
  'GET /api/v1/projects': {
    list: (w, c) => call(w, c, 'GET', '/api/v1/projects?per_page=100'),
  },
  'POST /api/v1/projects': {
    create: async (w, c) => {
      const path = uniqueName('created');
      const outcome = await call(w, c, 'POST', '/api/v1/projects', { name: 'Created', path });
      const row = await db(w).selectFrom('projects').select('id').where('path', '=', path).executeTakeFirst();
      assertEffect(outcome, row !== undefined, 'project created');
      return outcome;
    },
  },
  'GET /api/v1/user': {
    'the caller': async (w, c) => {
      const outcome = await call(w, c, 'GET', '/api/v1/user');
      if (succeeded(outcome.status)) assert.equal(outcome.body.id, c.userId);
      return outcome;
    },
  },
  'POST /api/v1/session': {
    'your own login and password': async (w, c) => {
      const before = await sessionCount(w, c.userId);
      const response = await w.t.http.inject({ method: 'POST', url: '/api/v1/session', payload: { login: await usernameOf(w, c.userId), password: PASSWORD } });
      const outcome = { status: response.statusCode, body: response.json() };
      assertEffect(outcome, (await sessionCount(w, c.userId)) === before + 1, 'session started');
      if (succeeded(outcome.status)) assert.equal(outcome.body.user.id, c.userId);
      return outcome;
    },
  },
  'GET /api/v1/session': {
    'your session cookie': async (w, c) => {
      const session = await browserSession(w, c);
      const response = await w.t.http.inject({ method: 'GET', url: '/api/v1/session', cookies: session ? { postdesk_session: session.cookie } : {} });
      const outcome = { status: response.statusCode, body: response.json() };
      if (succeeded(outcome.status)) assert.deepEqual([outcome.body.user.id, outcome.body.csrf_token], [c.userId, session?.csrf]);
      return outcome;
    },
    'only a bearer token': (w, c) => call(w, c, 'GET', '/api/v1/session'),
  },
  'DELETE /api/v1/session': {
    'your session cookie and its CSRF token': async (w, c) => {
      const session = await browserSession(w, c);
      const before = await sessionCount(w, c.userId);
      const response = await w.t.http.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        ...(session && { cookies: { postdesk_session: session.cookie }, headers: { 'x-csrf-token': session.csrf } }),
      });
      const outcome = { status: response.statusCode, body: response.body ? response.json() : undefined };
      assertEffect(outcome, (await sessionCount(w, c.userId)) === before - 1, 'session ended');
      return outcome;
    },
  },
  'PUT /api/v1/user/password': {
    // Set to the same password again, so that the other rows can still sign in; the hash changes (a new salt).
    'your own, with the current password': async (w, c) => {
      const hashOf = async () => (await db(w).selectFrom('users').select('password_hash').where('id', '=', c.userId).executeTakeFirstOrThrow()).password_hash;
      const before = await hashOf();
      const outcome = await call(w, c, 'PUT', '/api/v1/user/password', { current_password: PASSWORD, password: PASSWORD });
      assertEffect(outcome, (await hashOf()) !== before, 'password changed');
      return outcome;
    },
  },
  'GET /api/v1/user/notification_settings': {
    'your own': async (w, c) => {
      const outcome = await call(w, c, 'GET', '/api/v1/user/notification_settings');
      if (succeeded(outcome.status)) assert.equal(typeof outcome.body.mentions, 'boolean');
      return outcome;
    },
  },
  'PUT /api/v1/user/notification_settings': {
    'your own': async (w, c) => {
      const outcome = await call(w, c, 'PUT', '/api/v1/user/notification_settings', { new_tickets: true });
      if (succeeded(outcome.status)) assert.equal(outcome.body.new_tickets, true);
      return outcome;
    },
  },
  'GET /api/v1/users': {
    list: (w, c) => call(w, c, 'GET', '/api/v1/users?per_page=100'),
  },
  'GET /api/v1/users/:id': {
    'another user': (w, c) => call(w, c, 'GET', `/api/v1/users/${w.other.user.id}`),
    'no such user': (w, c) => call(w, c, 'GET', `/api/v1/users/${NO_SUCH_ID}`),
  },
  'POST /api/v1/users': {
    create: async (w, c) => {
      const username = uniqueName('made');
      const outcome = await call(w, c, 'POST', '/api/v1/users', { username, email: `${username}@example.test`, name: 'Made Here' });
      const row = await db(w).selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
      assertEffect(outcome, row !== undefined, 'user created');
      return outcome;
    },
  },
  'GET /api/v1/users/:id/personal_access_tokens': {
    'own tokens': async (w, c) => {
      const outcome = await call(w, c, 'GET', `/api/v1/users/${c.userId}/personal_access_tokens`);
      if (succeeded(outcome.status)) {
        assert.ok(outcome.body.length >= 1, 'outcome.body.length >= 1');
        assert.ok(
          outcome.body.every((token: any) => token.user_id === c.userId && !('token' in token)),
          "outcome.body.every((token: any) => token.user_id === c.userId && !('token' in token))",
        );
      }
      return outcome;
    },
    "another user's tokens": (w, c) => call(w, c, 'GET', `/api/v1/users/${w.other.user.id}/personal_access_tokens`),
    'no such user': (w, c) => call(w, c, 'GET', `/api/v1/users/${NO_SUCH_ID}/personal_access_tokens`),
  },
  'POST /api/v1/users/:id/personal_access_tokens': {
    'for oneself': async (w, c) => {
      const before = await tokenCount(w, c.userId);
      const outcome = await call(w, c, 'POST', `/api/v1/users/${c.userId}/personal_access_tokens`, { name: 'mine' });
      assertEffect(outcome, (await tokenCount(w, c.userId)) > before, 'token created');
      return outcome;
    },
    'for another user': async (w, c) => {
      const before = await tokenCount(w, w.other.user.id);
      const outcome = await call(w, c, 'POST', `/api/v1/users/${w.other.user.id}/personal_access_tokens`, { name: 'theirs' });
      assertEffect(outcome, (await tokenCount(w, w.other.user.id)) > before, 'token created');
      return outcome;
    },
    'no such user': (w, c) => call(w, c, 'POST', `/api/v1/users/${NO_SUCH_ID}/personal_access_tokens`, { name: 'nobody' }),
  },
  'DELETE /api/v1/personal_access_tokens/:id': {
    'own token': async (w, c) => revokeToken(w, c, c.userId),
    "another user's token": async (w, c) => revokeToken(w, c, w.other.user.id),
    'no such token': (w, c) => call(w, c, 'DELETE', `/api/v1/personal_access_tokens/${NO_SUCH_ID}`),
  },
  'GET /api/v1/projects/:id/tickets': {
    'private project': listTickets('private'),
    'internal project': listTickets('internal'),
  },
  'GET /api/v1/projects/:id/ticket_counts': {
    'private project': countTickets('private'),
    'internal project': countTickets('internal'),
  },
  'POST /api/v1/projects/:id/tickets/:iid/read': perTicket(async (w, c, t) => {
    const outcome = await call(w, c, 'POST', ticketUrl(t, '/read'));
    const read = await db(w)
      .selectFrom('ticket_reads')
      .select('read_at')
      .where('ticket_id', '=', t.ticketId)
      .where('user_id', '=', c.userId)
      .executeTakeFirst();
    assertEffect(outcome, read !== undefined, 'ticket marked read');
    return outcome;
  }),
  'POST /api/v1/projects/:id/tickets': {
    'private project: a non-confidential ticket': createTicketAs('private', false),
    'internal project: a non-confidential ticket': createTicketAs('internal', false),
    'private project: a confidential ticket': createTicketAs('private', true),
    'internal project: a confidential ticket': createTicketAs('internal', true),
  },
  'GET /api/v1/projects/:id/tickets/:iid': {
    ...perTicket(async (w, c, t) => {
      const outcome = await call(w, c, 'GET', ticketUrl(t));
      if (succeeded(outcome.status)) assert.equal(outcome.body.id, t.ticketId);
      return outcome;
    }),
    'private project, no such ticket': async (w, c) => {
      const p = await freshProject(w, 'private');
      return call(w, c, 'GET', `/api/v1/projects/${p.id}/tickets/${NO_SUCH_ID}`);
    },
  },
  'PUT /api/v1/projects/:id/tickets/:iid': perTicket(async (w, c, t) => {
    const outcome = await call(w, c, 'PUT', ticketUrl(t), { state_event: 'close', labels: ['billing'] });
    const row = await db(w).selectFrom('tickets').select('state').where('id', '=', t.ticketId).executeTakeFirstOrThrow();
    assertEffect(outcome, row.state === 'closed', 'ticket closed');
    return outcome;
  }),
  'GET /api/v1/projects/:id/tickets/:iid/participants': perTicket(async (w, c, t) => {
    const outcome = await call(w, c, 'GET', ticketUrl(t, '/participants'));
    if (succeeded(outcome.status)) assert.equal(outcome.body.length, 1, JSON.stringify(outcome.body));
    return outcome;
  }),
  'POST /api/v1/projects/:id/tickets/:iid/participants': perTicket(async (w, c, t) => {
    const outcome = await call(w, c, 'POST', ticketUrl(t, '/participants'), { email: 'carol@customer.example' });
    assertEffect(outcome, (await participants(w, t.ticketId)).includes('carol@customer.example'), 'participant added');
    return outcome;
  }),
  'DELETE /api/v1/projects/:id/tickets/:iid/participants': perTicket(async (w, c, t) => {
    const outcome = await call(w, c, 'DELETE', ticketUrl(t, `/participants?email=${encodeURIComponent(CUSTOMER)}`));
    assertEffect(outcome, !(await participants(w, t.ticketId)).includes(CUSTOMER), 'participant removed');
    return outcome;
  }),
  'DELETE /api/v1/projects/:id/tickets/:iid/participants/bounce': perTicket(async (w, c, t) => {
    // The customer bounced; whoever may manage participants may clear it.
    await db(w)
      .updateTable('participants')
      .set({ bouncing_since: '2026-11-30T00:00:00.000Z', bounce_reason: '5.1.1 unknown' })
      .where('ticket_id', '=', t.ticketId)
      .execute();
    const outcome = await call(w, c, 'DELETE', ticketUrl(t, `/participants/bounce?email=${encodeURIComponent(CUSTOMER)}`));
    const row = await db(w).selectFrom('participants').select('bouncing_since').where('ticket_id', '=', t.ticketId).executeTakeFirstOrThrow();
    assertEffect(outcome, row.bouncing_since === null, 'bounce cleared');
    return outcome;
  }),
  'GET /api/v1/projects/:id/events': {
    'private project': async (w, c) => openEvents(w, c, (await freshProject(w, 'private')).id),
    'internal project': async (w, c) => openEvents(w, c, (await freshProject(w, 'internal')).id),
    'no such project': (w, c) => openEvents(w, c, NO_SUCH_ID),
  },
  'GET /api/v1/projects/:id/tickets/:iid/notes': perTicket(async (w, c, t) => {
    const { noteId } = await internalNoteWithFile(w, t);
    const outcome = await call(w, c, 'GET', ticketUrl(t, '/notes?per_page=100'));
    if (succeeded(outcome.status)) {
      const role = c.role as SignedInRole;
      assert.ok(outcome.body.length >= 1, 'the system note about confidentiality');
      assert.equal(
        outcome.body.some((n: any) => n.id === noteId),
        SEES_INTERNAL_NOTES[role],
        `internal note listed to ${role}`,
      );
      if (!SEES_INTERNAL_NOTES[role])
        assert.ok(
          outcome.body.every((n: any) => n.internal === false),
          'no internal note at all',
        );
    }
    return outcome;
  }),
  'POST /api/v1/projects/:id/tickets/:iid/notes': {
    ...addNoteCases(false, ': a comment'),
    ...addNoteCases(true, ': an internal note'),
  },
  'POST /api/v1/projects/:id/uploads': {
    'private project: a file': uploadFile('private'),
    'internal project: a file': uploadFile('internal'),
  },
  'GET /api/v1/attachments/:id': {
    ...fileCases('a file of the ticket', async (_w, t) => t.fileId),
    ...fileCases('a file of a customer reply', customerReplyWithFile, ['internal project, non-confidential ticket', 'internal project, confidential ticket']),
    ...fileCases('a file of an internal note', async (w, t) => (await internalNoteWithFile(w, t)).fileId, [
      'private project, non-confidential ticket',
      'internal project, non-confidential ticket',
    ]),
    'no such file': (w, c) => call(w, c, 'GET', `/api/v1/attachments/${NO_SUCH_ID}`),
  },
  'GET /api/v1/mailboxes': {
    'everything the caller may watch': async (w, c) => {
      const p = await freshProject(w, 'private');
      const mailbox = await projectMailbox(w, p.id);
      const outcome = await call(w, c, 'GET', '/api/v1/mailboxes');
      if (succeeded(outcome.status)) {
        const role = c.role as SignedInRole;
        const ids = outcome.body.map((m: { id: number }) => m.id);
        assert.equal(ids.includes(mailbox.id), LISTS_PROJECT_MAIL[role], `project's mailbox listed to ${role}`);
      }
      return outcome;
    },
  },
  'GET /api/v1/projects/:id/mailboxes': {
    'private project': listMailboxes('private'),
    'internal project': listMailboxes('internal'),
  },
  'POST /api/v1/projects/:id/mailboxes': {
    'private project: add a mailbox': addMailboxAction('private'),
    'internal project: add a mailbox': addMailboxAction('internal'),
  },
  'DELETE /api/v1/projects/:id/mailboxes/:mailbox_id': {
    'private project: remove a mailbox': removeMailboxAction('private'),
    'internal project: remove a mailbox': removeMailboxAction('internal'),
  },
  'GET /api/v1/projects/:id/blocked_senders': {
    'private project': listBlocked('private'),
    'internal project': listBlocked('internal'),
  },
  'POST /api/v1/projects/:id/blocked_senders': {
    'private project: block a domain': addBlocked('private'),
    'internal project: block a domain': addBlocked('internal'),
  },
  'DELETE /api/v1/projects/:id/blocked_senders/:blocked_id': {
    'private project: unblock': removeBlocked('private'),
    'internal project: unblock': removeBlocked('internal'),
  },
  'POST /api/v1/inbound_messages/:id/block_sender': {
    "private project's message": blockMessageSender('private'),
    "internal project's message": blockMessageSender('internal'),
    'unrouted message': async (w, c) => {
      const mail = await receiveMail(w);
      const before = (await db(w).selectFrom('blocked_senders').select('id').execute()).length;
      const outcome = await call(w, c, 'POST', `/api/v1/inbound_messages/${mail.id}/block_sender`);
      assertEffect(outcome, (await db(w).selectFrom('blocked_senders').select('id').execute()).length !== before, 'nothing blocked');
      return outcome;
    },
  },
  'GET /api/v1/inbound_messages': {
    'everything the caller may read': async (w, c) => {
      const t = await mailTicket(w, 'private', false);
      const unrouted = await receiveMail(w);
      const outcome = await call(w, c, 'GET', '/api/v1/inbound_messages?per_page=100');
      if (succeeded(outcome.status)) {
        const role = c.role as SignedInRole;
        const ids = outcome.body.map((m: any) => m.id);
        assert.equal(ids.includes(t.inboundId), LISTS_PROJECT_MAIL[role], `project's mail listed to ${role}`);
        assert.equal(ids.includes(unrouted.id), LISTS_UNROUTED_MAIL[role], `unrouted mail listed to ${role}`);
      }
      return outcome;
    },
    'private project: ?project_id=': mailLogOfProject('inbound', 'private'),
    'internal project: ?project_id=': mailLogOfProject('inbound', 'internal'),
  },
  'GET /api/v1/inbound_messages/:id': {
    "private project's message": getInbound('private', ''),
    "internal project's message": getInbound('internal', ''),
    'unrouted message': getInbound(null, ''),
    'no such message': (w, c) => call(w, c, 'GET', `/api/v1/inbound_messages/${NO_SUCH_ID}`),
  },
  'GET /api/v1/inbound_messages/:id/raw': {
    "private project's message": getInbound('private', '/raw'),
    "internal project's message": getInbound('internal', '/raw'),
    'unrouted message': getInbound(null, '/raw'),
  },
  'GET /api/v1/inbound_messages/:id/rendered': {
    "private project's message": getInbound('private', '/rendered'),
    "internal project's message": getInbound('internal', '/rendered'),
    'unrouted message': getInbound(null, '/rendered'),
  },
  'POST /api/v1/inbound_messages/:id/replay': {
    "private project's ignored message": async (w, c) => replay(w, c, await ignoredMessage(w, await freshProject(w, 'private'))),
    "internal project's ignored message": async (w, c) => replay(w, c, await ignoredMessage(w, await freshProject(w, 'internal'))),
    'failed message': async (w, c) => {
      const mail = await receiveMail(w);
      await recordInboundOutcome(db(w), w.t.ctx, mail.id, null, { state: 'failed', error: 'Error: the database went away' });
      return replay(w, c, mail.id);
    },
    "private project's processed message": async (w, c) => {
      const t = await mailTicket(w, 'private', false);
      const outcome = await call(w, c, 'POST', `/api/v1/inbound_messages/${t.inboundId}/replay`);
      assert.equal(await inboundState(w, t.inboundId), 'processed');
      return outcome;
    },
  },
  'GET /api/v1/outbound_messages': {
    'everything the caller may read': async (w, c) => {
      const t = await mailTicket(w, 'private', false);
      const thankYou = await outboundOf(w, t);
      const outcome = await call(w, c, 'GET', '/api/v1/outbound_messages?per_page=100');
      if (succeeded(outcome.status)) {
        const role = c.role as SignedInRole;
        assert.equal(
          outcome.body.some((m: any) => m.id === thankYou),
          LISTS_PROJECT_MAIL[role],
          `project's mail listed to ${role}`,
        );
      }
      return outcome;
    },
    'private project: ?project_id=': mailLogOfProject('outbound', 'private'),
    'internal project: ?project_id=': mailLogOfProject('outbound', 'internal'),
  },
  'GET /api/v1/outbound_messages/:id': {
    "private project's message": getOutbound('private', ''),
    "internal project's message": getOutbound('internal', ''),
    'no such message': (w, c) => call(w, c, 'GET', `/api/v1/outbound_messages/${NO_SUCH_ID}`),
  },
  'GET /api/v1/outbound_messages/:id/raw': {
    "private project's message": getOutbound('private', '/raw'),
    "internal project's message": getOutbound('internal', '/raw'),
  },
  'GET /api/v1/outbound_messages/:id/rendered': {
    "private project's message": getOutbound('private', '/rendered'),
    "internal project's message": getOutbound('internal', '/rendered'),
  },
  'POST /api/v1/inbound/mime': {
    "the caller's own token instead of the secret": (w, c) => webhook(w, c.token, customerMail('Via the webhook').raw),
    'a wrong secret': (w) => webhook(w, `${WEBHOOK_SECRET.slice(0, -1)}X`, customerMail('Via the webhook').raw),
    'the secret, a message/rfc822 body': (w) => webhook(w, WEBHOOK_SECRET, customerMail('Via the webhook').raw),
    'the secret, an empty body': (w) => webhook(w, WEBHOOK_SECRET, Buffer.alloc(0)),
    'the secret, a JSON body': (w) => webhook(w, WEBHOOK_SECRET, JSON.stringify({ raw: 'From: a@b.c' }), 'application/json'),
  },
  'GET /health': { liveness: (w, c) => call(w, c, 'GET', '/health') },
  'GET /api/v1/health': { liveness: (w, c) => call(w, c, 'GET', '/api/v1/health') },
  'GET /api/v1/openapi.json': { document: (w, c) => call(w, c, 'GET', '/api/v1/openapi.json') },
  'GET /-/unsubscribe/:key': {
    'a key we sent': async (w, c) => {
      const { key, ticket } = await sentReplyKey(w);
      const outcome = await unsubscribePage(w, c, 'GET', key);
      assert.equal(await participantCount(w, ticket.ticketId), 1, 'a GET unsubscribes no one');
      return outcome;
    },
    'a key we never sent': (w, c) => unsubscribePage(w, c, 'GET', '0123456789abcdef0123456789abcdef'),
  },
  'POST /-/unsubscribe/:key': {
    'a key we sent, one-click': async (w, c) => {
      const { key, ticket } = await sentReplyKey(w);
      const outcome = await unsubscribePage(w, c, 'POST', key);
      assertEffect(outcome, (await participantCount(w, ticket.ticketId)) === 0, 'recipient removed');
      return outcome;
    },
    'a key we never sent': (w, c) => unsubscribePage(w, c, 'POST', '0123456789abcdef0123456789abcdef'),
  },
};

/** Opens the project's event stream, takes the status (a 200 is a stream that never ends) and hangs up. */
async function openEvents(w: World, c: Caller, projectId: number): Promise<Outcome> {
  const response = await w.t.http.inject({
    method: 'GET',
    url: `/api/v1/projects/${projectId}/events`,
    headers: c.token ? { authorization: `Bearer ${c.token}` } : {},
    payloadAsStream: true,
  });
  const stream = response.stream();
  if (response.statusCode !== 200) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { status: response.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  }
  assert.match(String(response.headers['content-type']), /^text\/event-stream/, 'an event stream');
  stream.destroy();
  return { status: 200, body: undefined };
}

/** The reply key of the thank-you of a fresh mail ticket: what its List-Unsubscribe link carries. */
async function sentReplyKey(w: World): Promise<{ key: string; ticket: MailTicket }> {
  const ticket = await mailTicket(w, 'private', false);
  const row = await db(w)
    .selectFrom('outbound_messages')
    .select('reply_to')
    .where('ticket_id', '=', ticket.ticketId)
    .where('kind', '=', 'thank_you')
    .executeTakeFirstOrThrow();
  return { key: /\+([0-9a-f]{32})@/.exec(row.reply_to ?? '')![1]!, ticket };
}

async function unsubscribePage(w: World, c: Caller, method: 'GET' | 'POST', key: string): Promise<Outcome> {
  const response = await w.t.http.inject({
    method,
    url: `/-/unsubscribe/${key}`,
    headers: { ...(c.token && { authorization: `Bearer ${c.token}` }), ...(method === 'POST' && { 'content-type': 'application/x-www-form-urlencoded' }) },
    ...(method === 'POST' && { payload: 'List-Unsubscribe=One-Click' }),
  });
  assert.match(String(response.headers['content-type']), /^text\/html/);
  return { status: response.statusCode, body: response.body, html: true };
}

const participantCount = async (w: World, ticketId: number) =>
  (await db(w).selectFrom('participants').select('id').where('ticket_id', '=', ticketId).execute()).length;

/** Revokes a spare token of `ownerId` (never the one the caller signs in with). */
async function revokeToken(w: World, c: Caller, ownerId: number): Promise<Outcome> {
  const tokenId = await extraToken(w, ownerId);
  const outcome = await call(w, c, 'DELETE', `/api/v1/personal_access_tokens/${tokenId}`);
  const row = await db(w).selectFrom('personal_access_tokens').select('revoked_at').where('id', '=', tokenId).executeTakeFirstOrThrow();
  assertEffect(outcome, row.revoked_at !== null, 'token revoked');
  return outcome;
}

// ---------------------------------------------------------------------------------------------------

describe('permissions: every route × role', () => {
  let w: World;
  before(async () => {
    const t = await startTestApp({ env: { INBOUND_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    const signedIn = async (role: SignedInRole) =>
      [role, await t.user({ admin: role === 'admin', username: uniqueName(`${role.replace('_', '')}-`) })] as const;
    const users = Object.fromEntries(await Promise.all(ROLES.filter((r): r is SignedInRole => r !== 'anonymous').map(signedIn))) as Record<
      SignedInRole,
      TestUser
    >;
    w = { t, users, other: await t.user(), candidate: await t.user(), target: await t.user(), coOwner: await t.user() };
  });
  after(() => w.t.close());

  const callerOf = (role: Role): Caller =>
    role === 'anonymous' ? { role, token: null, userId: w.other.user.id } : { role, token: w.users[role].token, userId: w.users[role].user.id };

  it('the table covers every route of allRoutes(), and no route that does not exist', () => {
    const served = allRoutes()
      .map((r) => `${r.method} ${fullPath(r)}`)
      .sort();
    const tabled = Object.keys(EXPECTED).sort();
    assert.deepEqual(
      served.filter((r) => !tabled.includes(r)),
      [],
      'routes without a row in EXPECTED: add their expected status per role',
    );
    assert.deepEqual(
      tabled.filter((r) => !served.includes(r)),
      [],
      'rows in EXPECTED for routes that do not exist',
    );
  });

  it('every expectation has an action that plays it, and every action an expectation', () => {
    for (const [route, scenarios] of Object.entries(EXPECTED)) {
      const actions = (ACTIONS as Record<string, Record<string, Action>>)[route];
      assert.ok(actions, `no actions for ${route}`);
      assert.deepEqual(Object.keys(actions).sort(), Object.keys(scenarios).sort(), route);
      for (const row of Object.values(scenarios) as Row[]) assert.equal(row.length, ROLES.length, route);
    }
  });

  for (const [route, scenarios] of Object.entries(EXPECTED) as Array<[keyof typeof EXPECTED, Record<string, Row>]>) {
    describe(route, () => {
      for (const [scenario, row] of Object.entries(scenarios)) {
        ROLES.forEach((role, i) => {
          const expected = row[i]!;
          it(`${scenario}: ${role} → ${expected}`, async () => {
            const action = (ACTIONS[route] as Record<string, Action>)[scenario]!;
            const outcome = await action(w, callerOf(role));
            assert.equal(outcome.status, expected, `${route} (${scenario}) as ${role}: ${JSON.stringify(outcome.body)}`);
            const code = ERROR_CODE[expected];
            if (code && !outcome.html) assert.equal(outcome.body?.error, code, JSON.stringify(outcome.body));
          });
        });
      }
    });
  }

  describe('GET /api/v1/projects lists a private project only to members and admins', () => {
    for (const [role, listed] of Object.entries(LISTS_PRIVATE_PROJECT) as Array<[SignedInRole, boolean]>) {
      it(`${role}: ${listed ? 'listed' : 'not listed'}`, async () => {
        const p = await freshProject(w, 'private');
        const response = await w.t.request(w.users[role].token, 'GET', `/api/v1/projects?per_page=100&search=${encodeURIComponent(p.path)}`);
        assert.equal(response.status, 200);
        assert.equal(
          response.body.some((project: any) => project.id === p.id),
          listed,
        );
      });
    }
  });

  describe('a read_api token reads but may not write (403 insufficient_scope)', () => {
    const readOnlyToken = async (user: TestUser) =>
      (await createPersonalAccessToken(w.t.ctx, SYSTEM_ACTOR, user.user.id, { name: 'read only', scopes: ['read_api'] })).token;

    it('a maintainer with read_api reads the project but may not rename it', async () => {
      const p = await freshProject(w, 'private');
      const token = await readOnlyToken(w.users.maintainer);
      assert.equal((await w.t.request(token, 'GET', `/api/v1/projects/${p.id}`)).status, 200);
      const put = await w.t.request(token, 'PUT', `/api/v1/projects/${p.id}`, { name: 'Renamed' });
      assert.equal(put.status, 403);
      assert.equal(put.body.error, 'insufficient_scope');
      const row = await db(w).selectFrom('projects').select('name').where('id', '=', p.id).executeTakeFirstOrThrow();
      assert.equal(row.name, p.name);
    });

    it('an owner with read_api may not remove a member', async () => {
      const p = await freshProject(w, 'private', [[w.target, 30]]);
      const token = await readOnlyToken(w.users.owner);
      const del = await w.t.request(token, 'DELETE', `/api/v1/projects/${p.id}/members/${w.target.user.id}`);
      assert.equal(del.status, 403);
      assert.equal(del.body.error, 'insufficient_scope');
      assert.equal(await levelOf(w, p.id, w.target.user.id), 30);
    });

    it('an admin with read_api may not create a user', async () => {
      const token = await readOnlyToken(w.users.admin);
      const username = uniqueName('nope');
      const post = await w.t.request(token, 'POST', '/api/v1/users', { username, email: `${username}@example.test`, name: 'Nope' });
      assert.equal(post.status, 403);
      assert.equal(post.body.error, 'insufficient_scope');
    });
  });
});
