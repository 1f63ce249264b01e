// What use cases call, inside their transaction, to tell open pages about a change once it commits.
// Each reads what it needs from the transaction at the time of the call — so call it after the change
// (a ticket made confidential by the same transaction is announced as confidential) — and publishes
// after the commit; a rollback announces nothing.
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import type { DeskEvent } from './desk-event.ts';

export type AnnounceDeps = Pick<Deps, 'db' | 'events'>;

export function publishAfterCommit(deps: AnnounceDeps, executor: Executor, event: DeskEvent): void {
  deps.db.afterCommit(executor, () => deps.events.publish(event));
}

/** A ticket was opened or its own fields (state, labels, assignees, participants…) changed. */
export async function announceTicket(deps: AnnounceDeps, executor: Executor, ticketId: number, action: 'created' | 'updated'): Promise<void> {
  const ticket = await executor
    .selectFrom('tickets')
    .select(['project_id', 'iid', 'confidential', 'author_id'])
    .where('id', '=', ticketId)
    .executeTakeFirstOrThrow();
  announceTicketAs(deps, executor, ticket, action);
}

/**
 * `announceTicket` for a caller that holds the ticket's fields as the transaction has them now (it just
 * wrote them, and nothing after changed them): one read fewer on a mail's way to a ticket.
 */
export function announceTicketAs(
  deps: AnnounceDeps,
  executor: Executor,
  ticket: { project_id: number; iid: number; confidential: number; author_id: number },
  action: 'created' | 'updated',
): void {
  publishAfterCommit(deps, executor, {
    type: 'ticket',
    data: { project_id: ticket.project_id, iid: ticket.iid, action },
    ticket: { confidential: ticket.confidential === 1, authorId: ticket.author_id },
  });
}

/** Notes were added (comments, internal notes, system notes); nulls are skipped. */
export async function announceNotes(deps: AnnounceDeps, executor: Executor, noteIds: ReadonlyArray<number | null | undefined>): Promise<void> {
  const ids = noteIds.filter((id): id is number => typeof id === 'number');
  if (ids.length === 0) return;
  const notes = await executor
    .selectFrom('notes as n')
    .innerJoin('tickets as t', 't.id', 'n.ticket_id')
    .select(['n.id', 'n.internal', 't.project_id', 't.iid', 't.confidential', 't.author_id'])
    .where('n.id', 'in', ids)
    .orderBy('n.id')
    .execute();
  for (const note of notes) {
    publishAfterCommit(deps, executor, {
      type: 'note',
      data: { project_id: note.project_id, ticket_iid: note.iid, note_id: note.id, internal: note.internal === 1 },
      ticket: { confidential: note.confidential === 1, authorId: note.author_id },
    });
  }
}

/** A received message's state changed. Before routing it belongs to no project, and no project page hears of it. */
export function announceInbound(deps: AnnounceDeps, executor: Executor, message: { id: number; projectId: number | null | undefined; state: string }): void {
  if (message.projectId == null) return;
  publishAfterCommit(deps, executor, { type: 'inbound', data: { project_id: message.projectId, id: message.id, state: message.state } });
}

/** An outgoing message was queued or its delivery state changed. */
export function announceOutbound(deps: AnnounceDeps, executor: Executor, message: { id: number; projectId: number | null; state: string }): void {
  if (message.projectId === null) return;
  publishAfterCommit(deps, executor, { type: 'outbound', data: { project_id: message.projectId, id: message.id, state: message.state } });
}

/** The ticket changed, leaving these notes (its system notes, or the note whose quick actions changed it). */
export async function announceTicketChanges(
  deps: AnnounceDeps,
  executor: Executor,
  ticketId: number,
  noteIds: ReadonlyArray<number | null | undefined>,
): Promise<void> {
  await announceTicket(deps, executor, ticketId, 'updated');
  await announceNotes(deps, executor, noteIds);
}
