// How many tickets a list holds, per state. With no filter but state and confidentiality (the queue as it
// opens) the answer comes from `ticket_counts`, kept by triggers in every ticket's transaction, so it costs
// the same at 10^6 tickets as at 10; any other filter counts the filtered rows.
import type { Deps } from '../deps.ts';
import { countableByCounters, filteredTickets, type TicketFilters } from './filter-tickets.ts';
import { chooseSearchPlan } from './search-plan.ts';
import type { TicketViewer } from './ticket-viewer.ts';

export interface TicketCounts {
  opened: number;
  closed: number;
  all: number;
}

export async function countTickets(deps: Pick<Deps, 'db'>, projectId: number, viewer: TicketViewer, filters: TicketFilters): Promise<TicketCounts> {
  const perState = countableByCounters(filters)
    ? await countFromCounters(deps, projectId, viewer, filters.confidential)
    : await countRows(deps, projectId, viewer, filters, 'all');
  const of = (state: string) => perState.filter((r) => r.state === state).reduce((sum, r) => sum + Number(r.n), 0);
  return { opened: of('opened'), closed: of('closed'), all: of('opened') + of('closed') };
}

/** How many tickets one state's list holds (the list's X-Total): only that state's rows are counted. */
export async function countTicketsIn(
  deps: Pick<Deps, 'db'>,
  projectId: number,
  viewer: TicketViewer,
  filters: TicketFilters,
  state: 'opened' | 'closed' | 'all',
): Promise<number> {
  if (countableByCounters(filters)) return (await countTickets(deps, projectId, viewer, filters))[state];
  const rows = await countRows(deps, projectId, viewer, filters, state);
  return rows.reduce((sum, r) => sum + Number(r.n), 0);
}

async function countRows(deps: Pick<Deps, 'db'>, projectId: number, viewer: TicketViewer, filters: TicketFilters, state: 'opened' | 'closed' | 'all') {
  const plan = await chooseSearchPlan(deps, projectId, viewer, filters.search, state);
  let rows = filteredTickets(deps, projectId, viewer, filters, plan);
  if (state !== 'all') rows = rows.where('state', '=', state);
  return deps.db.db
    .selectFrom(rows.select('state').as('t'))
    .select(['t.state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('t.state')
    .execute();
}

async function countFromCounters(deps: Pick<Deps, 'db'>, projectId: number, viewer: TicketViewer, confidential: boolean | undefined) {
  let counters = deps.db.db.selectFrom('ticket_counts').select(['state', 'n']).where('project_id', '=', projectId);
  if (confidential !== undefined) counters = counters.where('confidential', '=', confidential ? 1 : 0);
  // Below reporter the confidential counters are not theirs to see: only the tickets they opened themselves.
  if (!viewer.seesConfidential) counters = counters.where('confidential', '=', 0);
  const rows = await counters.execute();
  if (viewer.seesConfidential || confidential === false || viewer.userId === null) return rows;
  const own = await deps.db.db
    .selectFrom('tickets')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('author_id', '=', viewer.userId)
    .where('project_id', '=', projectId)
    .where('confidential', '=', 1)
    .groupBy('state')
    .execute();
  return [...rows, ...own];
}
