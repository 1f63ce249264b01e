// The tickets of a project a viewer may see, narrowed by the list's filters (all but state and paging):
// shared by the list and its counts so both always agree.
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import { LOOK_UP_MATCHES, type SearchPlan, ticketSearchCondition } from '../../db/ticket-search.ts';
import type { Deps } from '../deps.ts';
import type { TicketViewer } from './ticket-viewer.ts';

export interface TicketFilters {
  search?: string;
  labels?: string[];
  /** A user id, or 'none' for unassigned tickets. */
  assigneeId?: number | 'none';
  confidential?: boolean;
  /** The customer's address: exact, any case; reporters and up only. */
  externalAuthor?: string;
}

// biome-ignore lint/complexity/noBannedTypes: Kysely's own type for a query that selects nothing yet
export type TicketQuery = SelectQueryBuilder<DB, 'tickets', {}>;

/** Whether only state and confidentiality narrow the list, so the maintained counters can count it. */
export const countableByCounters = (f: TicketFilters) =>
  !f.search?.trim() && !(f.labels && f.labels.length > 0) && f.assigneeId === undefined && f.externalAuthor === undefined;

export function filteredTickets(
  deps: Pick<Deps, 'db'>,
  projectId: number,
  viewer: TicketViewer,
  filters: TicketFilters,
  /** How a search joins tickets (search-plan.ts); it changes the cost, never the rows. */
  searchPlan: SearchPlan = LOOK_UP_MATCHES,
): TicketQuery {
  let q: TicketQuery = deps.db.db.selectFrom('tickets').where('tickets.project_id', '=', projectId);
  // Below reporter, confidential tickets do not exist (SD-36, DESIGN §7), but for their own authors.
  if (!viewer.seesConfidential) q = q.where((eb) => eb.or([eb('confidential', '=', 0), eb('author_id', '=', viewer.userId ?? -1)]));
  if (filters.confidential !== undefined) q = q.where('confidential', '=', filters.confidential ? 1 : 0);
  if (filters.externalAuthor !== undefined) {
    // Below reporter addresses are masked (SD-86): asking for one must not confirm it.
    if (!viewer.seesAddresses) return q.where(sql<boolean>`1 = 0`);
    q = q.where(sql<boolean>`lower(external_author) = lower(${filters.externalAuthor.trim()})`);
  }
  if (filters.search?.trim()) {
    // A term with `@` is an address: below reporter it finds nothing, rather than confirm what the mask hides.
    if (!viewer.seesAddresses && filters.search.includes('@')) return q.where(sql<boolean>`1 = 0`);
    q = q.where(ticketSearchCondition(deps.db.dialect, filters.search, viewer, searchPlan));
  }
  // Tickets that carry every label asked for, in two subqueries however many labels: with one EXISTS per label,
  // 100 labels (the most a filter takes) made PostgreSQL plan and run a join of 101 relations, a minute for one
  // list request in label-limits.test.ts (3 s to plan on empty tables). The first label's EXISTS leaves the
  // planner free to start from that label; the count checks them all (a ticket has each label once).
  const labels = [...new Set(filters.labels ?? [])];
  if (labels.length > 0) {
    const carrying = (eb: ExpressionBuilder<DB, 'tickets'>) => eb.selectFrom('ticket_labels as l').whereRef('l.ticket_id', '=', 'tickets.id');
    q = q.where((eb) => eb.exists(carrying(eb).select('l.ticket_id').where('l.label', '=', labels[0]!)));
    if (labels.length > 1) {
      q = q.where((eb) =>
        eb(
          carrying(eb)
            .select((c) => c.fn.countAll().as('n'))
            .where('l.label', 'in', labels),
          '=',
          labels.length,
        ),
      );
    }
  }
  if (filters.assigneeId === 'none') {
    q = q.where((eb) => eb.not(eb.exists(eb.selectFrom('ticket_assignees as a').select('a.ticket_id').whereRef('a.ticket_id', '=', 'tickets.id'))));
  } else if (filters.assigneeId !== undefined) {
    const userId = filters.assigneeId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('ticket_assignees as a').select('a.ticket_id').whereRef('a.ticket_id', '=', 'tickets.id').where('a.user_id', '=', userId)),
    );
  }
  return q;
}
