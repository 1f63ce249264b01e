// Changing a ticket through the API (PUT): the same changes as quick actions, in their own transaction.
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import type { TicketRow } from '../../db/schema/tickets.ts';
import type { Deps } from '../deps.ts';
import { applyTicketChanges, type TicketChanges } from './apply-ticket-changes.ts';
import { loadTicketFor } from './ticket-access.ts';

export type { TicketChanges } from './apply-ticket-changes.ts';

export async function updateTicket(deps: Deps, actor: Actor, projectRef: string, iid: number, changes: TicketChanges): Promise<TicketRow> {
  if (changes.title !== undefined && !changes.title.trim()) throw invalid('title', 'must not be blank');
  const now = deps.clock().toISOString();
  return deps.db.transaction(async ({ trx }) => {
    const { project, ticket } = await loadTicketFor(trx, actor, projectRef, iid, 'update_ticket');
    const authorId = actor.kind === 'user' ? actor.userId : ticket.author_id;
    return (await applyTicketChanges(trx, { ticket, projectId: project.id, authorId, now }, changes)).ticket;
  });
}
