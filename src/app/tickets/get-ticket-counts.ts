// GET …/ticket_counts: the queue's tabs (open / closed / all) under the list's other filters.
import type { Actor } from '../../domain/actor.ts';
import type { Deps } from '../deps.ts';
import { loadProjectFor } from '../projects/project-access.ts';
import { countTickets, type TicketCounts } from './count-tickets.ts';
import type { TicketFilters } from './filter-tickets.ts';
import { ticketViewer } from './ticket-viewer.ts';

export async function getTicketCounts(deps: Deps, actor: Actor, projectRef: string, filters: TicketFilters): Promise<TicketCounts> {
  const { project, access } = await loadProjectFor(deps.db.db, actor, projectRef, 'read_tickets');
  return countTickets(deps, project.id, ticketViewer(actor, access), filters);
}
