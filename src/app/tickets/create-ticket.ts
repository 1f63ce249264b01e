// A team member opens a ticket themselves (a phone call, a walk-in): authored by them, no customer yet.
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { TicketRow } from '../../db/schema/tickets.ts';
import type { Deps } from '../deps.ts';
import { announceTicket } from '../events/announce.ts';
import { recordTicketRead } from './mark-ticket-read.ts';
import { nextTicketIid } from './next-ticket-iid.ts';
import { loadProjectFor } from '../projects/project-access.ts';

export async function createTicket(
  deps: Deps,
  actor: Actor,
  projectRef: string,
  input: { title: string; description?: string; confidential?: boolean },
): Promise<TicketRow> {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'Tickets are opened by users');
  const title = input.title.trim();
  if (!title) throw invalid('title', 'must not be blank');
  const now = deps.clock().toISOString();
  return deps.db.transaction(async ({ trx }) => {
    const { project } = await loadProjectFor(trx, actor, projectRef, 'create_ticket');
    const settings = await trx
      .selectFrom('service_desk_settings')
      .select('tickets_confidential_by_default')
      .where('project_id', '=', project.id)
      .executeTakeFirstOrThrow();
    const iid = await nextTicketIid(trx, project.id);
    const ticket = await trx
      .insertInto('tickets')
      .values({
        project_id: project.id,
        iid,
        title: title.slice(0, 255),
        description: input.description ?? '',
        state: 'opened',
        confidential: (input.confidential ?? settings.tickets_confidential_by_default === 1) ? 1 : 0,
        author_id: actor.userId,
        external_author: null,
        message_id: null,
        created_at: now,
        updated_at: now,
        closed_at: null,
        last_activity_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await announceTicket(deps, trx, ticket.id, 'created');
    await recordTicketRead(trx, actor.userId, ticket.id, now); // its author has read it
    return ticket;
  });
}
