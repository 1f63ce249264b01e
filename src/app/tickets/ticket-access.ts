// Loads one ticket of a project for an actor, asking the policy first about the project, then about
// the ticket (a confidential ticket is invisible below reporter).
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { authorizeTicket, type ProjectAction } from '../../domain/policy.ts';
import type { Executor } from '../../db/database.ts';
import type { TicketRow } from '../../db/schema/tickets.ts';
import { loadProjectFor, type ProjectInContext } from '../projects/project-access.ts';

export interface TicketInContext extends ProjectInContext {
  ticket: TicketRow;
}

export async function loadTicketFor(executor: Executor, actor: Actor, projectRef: string, iid: number, action: ProjectAction): Promise<TicketInContext> {
  const { project, access } = await loadProjectFor(executor, actor, projectRef, 'read_tickets');
  const ticket = await executor.selectFrom('tickets').selectAll().where('project_id', '=', project.id).where('iid', '=', iid).executeTakeFirst();
  if (!ticket) throw notFound('Ticket');
  authorizeTicket(actor, action, access, { confidential: ticket.confidential === 1, authorId: ticket.author_id });
  return { project, access, ticket };
}
