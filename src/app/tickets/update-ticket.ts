// Changing a ticket through the API (PUT): the same changes as quick actions, in their own transaction.
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import type { TicketRow } from '../../db/schema/tickets.ts';
import type { Deps } from '../deps.ts';
import { announceTicketChanges } from '../events/announce.ts';
import { notifyAssignees } from '../notifications/notify-team.ts';
import { applyTicketChanges, type TicketChanges } from './apply-ticket-changes.ts';
import { recordTicketRead } from './mark-ticket-read.ts';
import { loadTicketFor } from './ticket-access.ts';

export type { TicketChanges } from './apply-ticket-changes.ts';

export async function updateTicket(deps: Deps, actor: Actor, projectRef: string, iid: number, changes: TicketChanges): Promise<TicketRow> {
  if (changes.title !== undefined && !changes.title.trim()) throw invalid('title', 'must not be blank');
  const now = deps.clock().toISOString();
  return deps.db.transaction(async ({ trx, onCommit }) => {
    const { project, ticket } = await loadTicketFor(trx, actor, projectRef, iid, 'update_ticket');
    const authorId = actor.kind === 'user' ? actor.userId : ticket.author_id;
    const applied = await applyTicketChanges(trx, { ticket, projectId: project.id, authorId, now }, changes);
    await notifyAssignees(trx, deps, { ticket: applied.ticket, userIds: applied.newAssignees, actorId: authorId });
    if (actor.kind === 'user') await recordTicketRead(trx, actor.userId, ticket.id, now); // one's own change is read
    onCommit(() => deps.jobBell.ring());
    await announceTicketChanges(deps, trx, ticket.id, applied.noteIds);
    return applied.ticket;
  });
}
