import type { z } from 'zod';
import { createTicket } from '../../app/tickets/create-ticket.ts';
import type { TicketFilters } from '../../app/tickets/filter-tickets.ts';
import { getTicket } from '../../app/tickets/get-ticket.ts';
import { getTicketCounts } from '../../app/tickets/get-ticket-counts.ts';
import { listTickets } from '../../app/tickets/list-tickets.ts';
import { markTicketRead } from '../../app/tickets/mark-ticket-read.ts';
import { ticketDetails } from '../../app/tickets/ticket-details.ts';
import { addParticipant, clearParticipantBounce, deleteParticipant, listParticipants } from '../../app/tickets/manage-participants.ts';
import { updateTicket } from '../../app/tickets/update-ticket.ts';
import type { Context } from '../../context.ts';
import type { Actor } from '../../domain/actor.ts';
import { obfuscateEmail } from '../../domain/obfuscate-email.ts';
import { seesExternalAddresses } from '../../domain/policy.ts';
import { projectParams } from '../common-schemas.ts';
import { defineRoute } from '../route.ts';
import { presentListedTicket, presentTicket } from './presenters.ts';
import {
  addParticipantBody,
  createTicketBody,
  listTicketsQuery,
  participantView,
  removeParticipantQuery,
  ticketCountsView,
  ticketFiltersQuery,
  ticketListItemView,
  ticketParams,
  ticketView,
  updateTicketBody,
} from './schemas.ts';

/** The list's filters as the query string gives them (shared by the list and ticket_counts). */
function ticketFilters(query: z.infer<typeof ticketFiltersQuery>): TicketFilters {
  return {
    search: query.search,
    labels: query.labels
      ?.split(',')
      .map((l) => l.trim())
      .filter(Boolean),
    assigneeId: query.assignee_id === 'None' ? 'none' : query.assignee_id,
    confidential: query.confidential,
    externalAuthor: query.external_author,
  };
}

/** The ticket as the actor may see it, after a change. */
async function viewTicket(ctx: Context, actor: Actor, projectRef: string, iid: number) {
  const { details, seesAddresses } = await getTicket(ctx, actor, projectRef, iid);
  const project = await ctx.db.db.selectFrom('projects').select('path').where('id', '=', details.ticket.project_id).executeTakeFirstOrThrow();
  return presentTicket(details, { publicUrl: ctx.config.publicUrl, projectPath: project.path, seesAddresses });
}

export const ticketRoutes = [
  defineRoute({
    method: 'GET',
    path: '/projects/:id/tickets',
    auth: 'token',
    tag: 'tickets',
    summary:
      'The ticket queue (newest first; confidential tickets from reporter up); X-Total counts all matches, but is absent when a search matches more than 1,000',
    params: projectParams,
    query: listTicketsQuery,
    status: 200,
    list: true,
    response: ticketListItemView,
    async handler({ ctx, auth, params, query }) {
      const page = await listTickets(ctx, auth.actor, params.id, {
        ...ticketFilters(query),
        perPage: query.per_page,
        cursor: query.cursor,
        state: query.state,
        orderBy: query.order_by,
        sort: query.sort,
      });
      const viewer = { publicUrl: ctx.config.publicUrl, projectPath: page.projectPath, seesAddresses: page.seesAddresses };
      return { items: page.items.map((d) => presentListedTicket(d, viewer)), nextCursor: page.nextCursor, total: page.total };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/projects/:id/ticket_counts',
    auth: 'token',
    tag: 'tickets',
    summary: "Tickets per state under the list's other filters (the queue's tabs); confidential ones from reporter up; a search counts to 1,000 (at_least)",
    params: projectParams,
    query: ticketFiltersQuery,
    status: 200,
    response: ticketCountsView,
    async handler({ ctx, auth, params, query }) {
      const { atLeast, ...counts } = await getTicketCounts(ctx, auth.actor, params.id, ticketFilters(query));
      return { ...counts, at_least: atLeast };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/projects/:id/tickets',
    auth: 'token',
    tag: 'tickets',
    summary: 'Open a ticket yourself (a phone call, a walk-in): authored by you, no customer until /convert_to_ticket',
    params: projectParams,
    body: createTicketBody,
    status: 201,
    response: ticketView,
    async handler({ ctx, auth, params, body }) {
      const ticket = await createTicket(ctx, auth.actor, params.id, body);
      // Not viewTicket: a guest may open a confidential ticket (explicitly, or by the project's default)
      // that they may not read back, and a committed ticket must not be answered with 404.
      const [details] = await ticketDetails(ctx.db.db, [ticket]);
      const project = await ctx.db.db.selectFrom('projects').select('path').where('id', '=', ticket.project_id).executeTakeFirstOrThrow();
      // A new ticket holds only what its author just wrote: no customer address to mask.
      return presentTicket(details!, { publicUrl: ctx.config.publicUrl, projectPath: project.path, seesAddresses: true });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/projects/:id/tickets/:iid',
    auth: 'token',
    tag: 'tickets',
    summary: 'One ticket',
    params: ticketParams,
    status: 200,
    response: ticketView,
    async handler({ ctx, auth, params }) {
      return viewTicket(ctx, auth.actor, params.id, params.iid);
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/projects/:id/tickets/:iid',
    auth: 'token',
    tag: 'tickets',
    summary: 'Change title, description, state (state_event close/reopen), labels, assignees, confidentiality (reporters and up)',
    params: ticketParams,
    body: updateTicketBody,
    status: 200,
    response: ticketView,
    async handler({ ctx, auth, params, body }) {
      const ticket = await updateTicket(ctx, auth.actor, params.id, params.iid, body);
      return viewTicket(ctx, auth.actor, String(ticket.project_id), ticket.iid);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/projects/:id/tickets/:iid/read',
    auth: 'token',
    tag: 'tickets',
    summary: 'Mark the ticket read for the caller (unread: false until someone else acts on it)',
    params: ticketParams,
    status: 204,
    async handler({ ctx, auth, params }) {
      await markTicketRead(ctx, auth.actor, params.id, params.iid);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/projects/:id/tickets/:iid/participants',
    auth: 'token',
    tag: 'tickets',
    summary: 'External participants: who is mailed public comments (masked below reporter)',
    params: ticketParams,
    status: 200,
    list: true,
    response: participantView,
    async handler({ ctx, auth, params }) {
      const { emails, access } = await listParticipants(ctx, auth.actor, params.id, params.iid);
      const seesAddresses = seesExternalAddresses(auth.actor, access);
      return { items: emails.map((email) => ({ email: seesAddresses ? email : obfuscateEmail(email) })), nextCursor: null };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/projects/:id/tickets/:iid/participants/bounce',
    auth: 'token',
    tag: 'tickets',
    summary: "Clear a participant's bounce (?email=): mail to them on this ticket goes out again (reporters and up)",
    params: ticketParams,
    query: removeParticipantQuery,
    status: 204,
    async handler({ ctx, auth, params, query }) {
      await clearParticipantBounce(ctx, auth.actor, params.id, params.iid, query.email);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/projects/:id/tickets/:iid/participants',
    auth: 'token',
    tag: 'tickets',
    summary: 'Add an external participant (reporters and up; at most 10 per ticket)',
    params: ticketParams,
    body: addParticipantBody,
    status: 201,
    response: participantView,
    async handler({ ctx, auth, params, body }) {
      return { email: await addParticipant(ctx, auth.actor, params.id, params.iid, body.email) };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/projects/:id/tickets/:iid/participants',
    auth: 'token',
    tag: 'tickets',
    summary: 'Remove an external participant (?email=)',
    params: ticketParams,
    query: removeParticipantQuery,
    status: 204,
    async handler({ ctx, auth, params, query }) {
      await deleteParticipant(ctx, auth.actor, params.id, params.iid, query.email);
    },
  }),
];
