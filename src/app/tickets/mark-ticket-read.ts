// Unread state: a ticket is unread for a user when its last activity is later than their last read.
// Reading it (POST …/read) and anything the user does to it themselves (a note, a change, opening it)
// mark it read, so one's own activity never makes a ticket unread for oneself.
import type { Actor } from '../../domain/actor.ts';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import { loadTicketFor } from './ticket-access.ts';

export async function markTicketRead(deps: Deps, actor: Actor, projectRef: string, iid: number): Promise<void> {
  const now = deps.clock().toISOString();
  const { ticket } = await loadTicketFor(deps.db.db, actor, projectRef, iid, 'read_tickets');
  if (actor.kind !== 'user') return;
  await recordTicketRead(deps.db.db, actor.userId, ticket.id, now);
}

/** Inside the caller's transaction; a later read is never replaced by an earlier one. */
export async function recordTicketRead(executor: Executor, userId: number, ticketId: number, at: string): Promise<void> {
  await executor
    .insertInto('ticket_reads')
    .values({ user_id: userId, ticket_id: ticketId, read_at: at })
    .onConflict((oc) =>
      oc.columns(['user_id', 'ticket_id']).doUpdateSet({
        read_at: sql`case when excluded.read_at > ticket_reads.read_at then excluded.read_at else ticket_reads.read_at end`,
      }),
    )
    .execute();
}
