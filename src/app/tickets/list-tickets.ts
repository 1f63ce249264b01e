// The ticket queue of a project: filters as GitLab's issue list has them, keyset pages on
// (created_at, updated_at or last_activity_at; id) so page 1,000 costs what page 1 costs. X-Total comes
// from the maintained counters when only state narrows the list (count-tickets.ts). A search gives X-Total on
// its first page when its matches were counted on the way (to SEARCH_COUNT_LIMIT); its tabs count the rest.
// A page carries only the head of each description, cut in SQL: it never reads a whole one into Node.
import { sql } from 'kysely';
import type { TicketRow } from '../../db/schema/tickets.ts';
import type { Actor } from '../../domain/actor.ts';
import { LIST_DESCRIPTION_CHARS, previewOfText } from '../../domain/stored-text.ts';
import type { Deps } from '../deps.ts';
import { clampPerPage, decodeCursor, toPage, type Page, type PageRequest } from '../pagination.ts';
import { loadProjectFor } from '../projects/project-access.ts';
import { type Count, cappedCount, countTicketsIn, SEARCH_COUNT_LIMIT } from './count-tickets.ts';
import { filteredTickets, type TicketFilters } from './filter-tickets.ts';
import { chooseSearchPlan } from './search-plan.ts';
import { ticketDetails, type TicketDetails } from './ticket-details.ts';
import { ticketViewer } from './ticket-viewer.ts';

export interface TicketFilter extends PageRequest, TicketFilters {
  state?: 'opened' | 'closed' | 'all';
  orderBy?: 'created_at' | 'updated_at' | 'last_activity_at';
  sort?: 'asc' | 'desc';
}

/**
 * How much of a description a page reads: twice what the list shows, so that masking (http/tickets/
 * presenters.ts) sees whole any address that starts among the characters shown, and never shows half of one.
 */
const DESCRIPTION_READ_CHARS = 2 * LIST_DESCRIPTION_CHARS;

/** Every column of a ticket but its description, which is read as its head. */
const LISTED_COLUMNS = [
  'id',
  'project_id',
  'iid',
  'title',
  'state',
  'confidential',
  'author_id',
  'external_author',
  'message_id',
  'created_at',
  'updated_at',
  'closed_at',
  'last_activity_at',
] as const;

/** A ticket as a list shows it: `ticket.description` is the head of the description, whole when `descriptionWhole`. */
export interface ListedTicket extends TicketDetails {
  descriptionWhole: boolean;
}

export interface TicketPage extends Page<ListedTicket> {
  /** A search's: only on its first page, and only when its matches were counted on the way (list-tickets.ts). */
  total: number | undefined;
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

  const searching = Boolean(filter.search?.trim());
  const plan = await chooseSearchPlan(deps, project.id, viewer, filter.search, state, perPage + 1);
  let query = filteredTickets(deps, project.id, viewer, filter, plan);
  if (state !== 'all') query = query.where('state', '=', state);
  if (after) {
    const op = direction === 'desc' ? '<' : '>';
    query = query.where((eb) => eb.or([eb(orderBy, op, after.at), eb.and([eb(orderBy, '=', after.at), eb('id', op, after.id)])]));
  }
  const ordered = <Q extends typeof query>(q: Q) => q.orderBy(orderBy, direction).orderBy('id', direction);
  // One character more than is kept tells whether the head is the whole description.
  const descriptionHead = sql<string>`substr(description, 1, ${sql.lit(DESCRIPTION_READ_CHARS + 1)})`.as('description');
  const fetchPage = (q: typeof query, limit: number) => ordered(q).select(LISTED_COLUMNS).select(descriptionHead).limit(limit).execute();
  let rows: Awaited<ReturnType<typeof fetchPage>>;
  let count: Count | undefined;
  if (searching && !after) {
    // Looking the matches up reads them all anyway, so the same query counts them (to the limit) and its head
    // is the page. A walk stops at the page: its count is known only when the page is the last.
    const ids = (
      await ordered(query)
        .select('tickets.id')
        .limit(plan.walk ? perPage + 1 : SEARCH_COUNT_LIMIT + 1)
        .execute()
    ).map((r) => r.id);
    const head = ids.slice(0, perPage + 1);
    rows = head.length > 0 ? await fetchPage(deps.db.db.selectFrom('tickets').where('id', 'in', head), head.length) : [];
    count = plan.walk && ids.length > perPage ? undefined : cappedCount(ids.length);
  } else if (searching) {
    // Later pages of a search leave counting to the first page and GET …/ticket_counts.
    rows = await fetchPage(query, perPage + 1);
  } else {
    [rows, count] = await Promise.all([fetchPage(query, perPage + 1), countTicketsIn(deps, project.id, viewer, filter, state)]);
  }
  const page = toPage(rows, perPage, (t) => ({ at: t[orderBy], id: t.id }));
  return {
    items: await listedTickets(deps, page.items, viewer.userId),
    nextCursor: page.nextCursor,
    total: count && !count.atLeast ? count.n : undefined,
    seesAddresses: viewer.seesAddresses,
    projectPath: project.path,
  };
}

/** The page's tickets with what a view shows beyond their rows, each description kept to DESCRIPTION_READ_CHARS. */
async function listedTickets(deps: Deps, rows: TicketRow[], readerId: number | null): Promise<ListedTicket[]> {
  const heads = rows.map((row) => previewOfText(row.description, DESCRIPTION_READ_CHARS));
  const details = await ticketDetails(
    deps.db.db,
    rows.map((row, i) => ({ ...row, description: heads[i]!.text })),
    readerId,
  );
  return details.map((d, i) => ({ ...d, descriptionWhole: !heads[i]!.cut }));
}
