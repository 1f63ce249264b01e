// How many tickets a list holds, per state. With no filter but state and confidentiality (the queue as it
// opens) the answer comes from `ticket_counts`, kept by triggers in every ticket's transaction, so it costs
// the same at 10^6 tickets as at 10; any other filter counts the filtered rows. A search counts no further
// than SEARCH_COUNT_LIMIT: past it the answer is "at least", as GitLab's lists stop their totals at 10,000.
// Counting every match of a common word means reading every match, which no index avoids, while "1,000+"
// tells an agent all they need: narrow the search.
import type { SearchPlan } from '../../db/ticket-search.ts';
import type { Deps } from '../deps.ts';
import { countableByCounters, filteredTickets, type TicketFilters } from './filter-tickets.ts';
import { chooseSearchPlan, chooseSearchPlans } from './search-plan.ts';
import type { TicketViewer } from './ticket-viewer.ts';

export const SEARCH_COUNT_LIMIT = 1000;

export type TicketState = 'opened' | 'closed';

export interface TicketCounts {
  opened: number;
  closed: number;
  all: number;
  /** The states whose count stopped at SEARCH_COUNT_LIMIT: there are at least that many. */
  atLeast: Array<TicketState | 'all'>;
}

/** A count, and whether it stopped at SEARCH_COUNT_LIMIT. */
export interface Count {
  n: number;
  atLeast: boolean;
}

export async function countTickets(deps: Pick<Deps, 'db'>, projectId: number, viewer: TicketViewer, filters: TicketFilters): Promise<TicketCounts> {
  if (filters.search?.trim()) {
    const need = SEARCH_COUNT_LIMIT + 1;
    const plans = await chooseSearchPlans(deps, projectId, viewer, filters.search, [
      { state: 'opened', need },
      { state: 'closed', need },
    ]);
    const [opened, closed] = await Promise.all([
      countSearchMatches(deps, projectId, viewer, filters, 'opened', plans[0]!),
      countSearchMatches(deps, projectId, viewer, filters, 'closed', plans[1]!),
    ]);
    const atLeast: TicketCounts['atLeast'] = [];
    if (opened.atLeast) atLeast.push('opened');
    if (closed.atLeast) atLeast.push('closed');
    if (atLeast.length > 0) atLeast.push('all');
    return { opened: opened.n, closed: closed.n, all: opened.n + closed.n, atLeast };
  }
  const perState = countableByCounters(filters)
    ? await countFromCounters(deps, projectId, viewer, filters.confidential)
    : await countRows(deps, projectId, viewer, filters, 'all');
  const of = (state: string) => perState.filter((r) => r.state === state).reduce((sum, r) => sum + Number(r.n), 0);
  return { opened: of('opened'), closed: of('closed'), all: of('opened') + of('closed'), atLeast: [] };
}

/** How many tickets one state's list holds (the list's X-Total): only that state's rows are counted. */
export async function countTicketsIn(
  deps: Pick<Deps, 'db'>,
  projectId: number,
  viewer: TicketViewer,
  filters: TicketFilters,
  state: TicketState | 'all',
): Promise<Count> {
  if (filters.search?.trim()) {
    const plan = await chooseSearchPlan(deps, projectId, viewer, filters.search, state, SEARCH_COUNT_LIMIT + 1);
    return countSearchMatches(deps, projectId, viewer, filters, state, plan);
  }
  if (countableByCounters(filters)) return { n: (await countTickets(deps, projectId, viewer, filters))[state], atLeast: false };
  const rows = await countRows(deps, projectId, viewer, filters, state);
  return { n: rows.reduce((sum, r) => sum + Number(r.n), 0), atLeast: false };
}

async function countSearchMatches(
  deps: Pick<Deps, 'db'>,
  projectId: number,
  viewer: TicketViewer,
  filters: TicketFilters,
  state: TicketState | 'all',
  plan: SearchPlan,
): Promise<Count> {
  let rows = filteredTickets(deps, projectId, viewer, filters, plan);
  if (state !== 'all') rows = rows.where('state', '=', state);
  const found = rows.select('tickets.id').limit(SEARCH_COUNT_LIMIT + 1);
  const { n } = await deps.db.db
    .selectFrom(found.as('found'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return cappedCount(Number(n));
}

/** A search's count from up to SEARCH_COUNT_LIMIT + 1 matches found. */
export const cappedCount = (found: number): Count => (found > SEARCH_COUNT_LIMIT ? { n: SEARCH_COUNT_LIMIT, atLeast: true } : { n: found, atLeast: false });

async function countRows(deps: Pick<Deps, 'db'>, projectId: number, viewer: TicketViewer, filters: TicketFilters, state: TicketState | 'all') {
  let rows = filteredTickets(deps, projectId, viewer, filters);
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
