// The ticket queue of a project: filters as GitLab's issue list has them, keyset pages on
// (created_at, updated_at or last_activity_at; id) so page 1,000 costs what page 1 costs. X-Total comes
// from the maintained counters when only state narrows the list (count-tickets.ts).
import type { Actor } from '../../domain/actor.ts';
import type { Deps } from '../deps.ts';
import { clampPerPage, decodeCursor, toPage, type Page, type PageRequest } from '../pagination.ts';
import { loadProjectFor } from '../projects/project-access.ts';
import { countTicketsIn } from './count-tickets.ts';
import { filteredTickets, type TicketFilters } from './filter-tickets.ts';
import { chooseSearchPlan } from './search-plan.ts';
import { ticketDetails, type TicketDetails } from './ticket-details.ts';
import { ticketViewer } from './ticket-viewer.ts';

export interface TicketFilter extends PageRequest, TicketFilters {
  state?: 'opened' | 'closed' | 'all';
  orderBy?: 'created_at' | 'updated_at' | 'last_activity_at';
  sort?: 'asc' | 'desc';
}

export interface TicketPage extends Page<TicketDetails> {
  total: number;
  seesAddresses: boolean;
  projectPath: string;
}

export async function listTickets(deps: Deps, actor: Actor, projectRef: string, filter: TicketFilter): Promise<TicketPage> {
  const { project, access } = await loadProjectFor(deps.db.db, actor, projectRef, 'read_tickets');
  const viewer = ticketViewer(actor, access);
  const orderBy = filter.orderBy ?? 'created_at';
  const direction = filter.sort ?? 'desc';
  const perPage = clampPerPage(filter.perPage);
  const after = decodeCursor<{ at: string; id: number }>(filter.cursor, ['at', 'id']);
  const state = filter.state ?? 'opened';

  const plan = await chooseSearchPlan(deps, project.id, viewer, filter.search, state);
  let query = filteredTickets(deps, project.id, viewer, filter, plan);
  if (state !== 'all') query = query.where('state', '=', state);
  if (after) {
    const op = direction === 'desc' ? '<' : '>';
    query = query.where((eb) => eb.or([eb(orderBy, op, after.at), eb.and([eb(orderBy, '=', after.at), eb('id', op, after.id)])]));
  }
  const [rows, total] = await Promise.all([
    query
      .selectAll()
      .orderBy(orderBy, direction)
      .orderBy('id', direction)
      .limit(perPage + 1)
      .execute(),
    countTicketsIn(deps, project.id, viewer, filter, state),
  ]);
  const page = toPage(rows, perPage, (t) => ({ at: t[orderBy], id: t.id }));
  return {
    items: await ticketDetails(deps.db.db, page.items, viewer.userId),
    nextCursor: page.nextCursor,
    total,
    seesAddresses: viewer.seesAddresses,
    projectPath: project.path,
  };
}
