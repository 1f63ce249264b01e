// Which way a search joins `tickets` (SearchPlan in db/ticket-search.ts), chosen per request from how many
// tickets its rarest term matches (M) and how many matches the query needs: a page, or a count's limit.
// Looking up reads all M matches; walking the list's index reads about need·P/M entries among the P tickets
// of the project, never more than the range (the tickets in the list's state, from the maintained counters).
// Each lookup costs LOOKUP_COST walked entries: on SQLite an entry is a probe of an in-memory set, a twentieth
// of a lookup; on PostgreSQL it is a fetch by key, half of one (ticket-search.ts says why). Looking up starts
// from the rarest term and only tests the others, so a rare word beside a common one costs what it does.
import { LOOK_UP_MATCHES, postgresMatchEstimates, type SearchPlan, searchMatchesUpTo, WALK_TICKETS } from '../../db/ticket-search.ts';
import type { Deps } from '../deps.ts';
import type { TicketViewer } from './ticket-viewer.ts';

const LOOKUP_COST = { sqlite: 20, postgres: 2 };
/** Below this many matches lookups always win. */
const FEW_MATCHES = 100;

export interface SearchWant {
  state: 'opened' | 'closed' | 'all';
  /** How many matches, in list order, the query stops after. */
  need: number;
}

/** One plan per query the caller will run, from one read of the counters and of the terms' matches. */
export async function chooseSearchPlans(
  deps: Pick<Deps, 'db'>,
  projectId: number,
  viewer: TicketViewer,
  search: string | undefined,
  wants: SearchWant[],
): Promise<SearchPlan[]> {
  if (!search?.trim()) return wants.map(() => LOOK_UP_MATCHES);
  const { db, dialect } = deps.db;
  const counters = await db.selectFrom('ticket_counts').select(['state', 'n']).where('project_id', '=', projectId).execute();
  const project = counters.reduce((sum, row) => sum + Number(row.n), 0);
  // Walking min(range, need·P/M) entries costs what M lookups do at M = min(range/cost, √(need·P/cost)).
  const cost = LOOKUP_COST[dialect];
  const enoughFor = ({ state, need }: SearchWant) => {
    const range = counters.filter((row) => state === 'all' || row.state === state).reduce((sum, row) => sum + Number(row.n), 0);
    return Math.max(FEW_MATCHES, Math.ceil(Math.min(range / cost, Math.sqrt((need * project) / cost))));
  };
  const enough = wants.map(enoughFor);
  const matches = await termMatches(deps, search, viewer, Math.max(...enough));
  const fewest = Math.min(...matches);
  return enough.map((e) => (fewest >= e ? WALK_TICKETS : { walk: false, driver: matches.indexOf(fewest) }));
}

export async function chooseSearchPlan(
  deps: Pick<Deps, 'db'>,
  projectId: number,
  viewer: TicketViewer,
  search: string | undefined,
  state: SearchWant['state'],
  need: number,
): Promise<SearchPlan> {
  const [plan] = await chooseSearchPlans(deps, projectId, viewer, search, [{ state, need }]);
  return plan!;
}

/** Each term's matches over the whole instance: counted up to `enough` on SQLite, estimated on PostgreSQL. */
async function termMatches(deps: Pick<Deps, 'db'>, search: string, viewer: TicketViewer, enough: number): Promise<number[]> {
  const { db, dialect } = deps.db;
  if (dialect === 'sqlite') return Object.values((await searchMatchesUpTo(search, viewer, enough).execute(db)).rows[0] ?? {}).map(Number);
  return postgresMatchEstimates(db, search);
}
