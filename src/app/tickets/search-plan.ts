// Which way a search joins `tickets` (SearchPlan in db/ticket-search.ts), chosen per request from how many
// tickets it matches. Looking a match up in `tickets` costs some 10–30 times what reading one entry of a
// `tickets` index does (measured at 10^5 tickets on both databases), so once a search matches more than a
// twentieth of the tickets the walk would read (the project's tickets in the list's state, from the
// maintained counters), walking that index and probing the match set is the cheaper way, and a first page
// stops after a few hundred entries. Either way the cost stays near the cheaper plan's: the walk is chosen
// only when the lookups would have cost about as much as walking the whole range.
import { searchMatchesUpTo, type SearchPlan } from '../../db/ticket-search.ts';
import type { Deps } from '../deps.ts';
import type { TicketViewer } from './ticket-viewer.ts';

/** How many index entries cost about one lookup by id. */
const ENTRIES_PER_LOOKUP = 20;
/** Below this many matches lookups always win. */
const FEW_MATCHES = 100;

export async function chooseSearchPlan(
  deps: Pick<Deps, 'db'>,
  projectId: number,
  viewer: TicketViewer,
  search: string | undefined,
  state: 'opened' | 'closed' | 'all',
): Promise<SearchPlan> {
  if (!search?.trim()) return 'from_matches';
  const { db, dialect } = deps.db;
  let counters = db.selectFrom('ticket_counts').select('n').where('project_id', '=', projectId);
  if (state !== 'all') counters = counters.where('state', '=', state);
  const range = (await counters.execute()).reduce((sum, row) => sum + Number(row.n), 0);
  const enough = Math.max(FEW_MATCHES, Math.ceil(range / ENTRIES_PER_LOOKUP));
  // The smallest term's matches over the whole instance bound the search's matches in this project.
  const row = (await searchMatchesUpTo(dialect, search, viewer, enough).execute(db)).rows[0] ?? {};
  const fewest = Math.min(...Object.values(row).map(Number));
  return fewest >= enough ? 'walk_tickets' : 'from_matches';
}
