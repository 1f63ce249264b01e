// The ticket queue of a project: filters as GitLab's issue list has them, keyset pages on
// (created_at or updated_at, id) so page 1,000 costs what page 1 costs.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Actor } from '../../domain/actor.ts';
import { decideProject, seesExternalAddresses } from '../../domain/policy.ts';
import type { DB } from '../../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { clampPerPage, decodeCursor, toPage, type Page, type PageRequest } from '../pagination.ts';
import { loadProjectFor } from '../projects/project-access.ts';
import { ticketDetails, type TicketDetails } from './ticket-details.ts';

export interface TicketFilter extends PageRequest {
  state?: 'opened' | 'closed' | 'all';
  search?: string;
  labels?: string[];
  /** A user id, or 'none' for unassigned tickets. */
  assigneeId?: number | 'none';
  confidential?: boolean;
  orderBy?: 'created_at' | 'updated_at';
  sort?: 'asc' | 'desc';
}

export interface TicketPage extends Page<TicketDetails> {
  total: number;
  seesAddresses: boolean;
  projectPath: string;
}

export async function listTickets(deps: Deps, actor: Actor, projectRef: string, filter: TicketFilter): Promise<TicketPage> {
  const { project, access } = await loadProjectFor(deps.db.db, actor, projectRef, 'read_tickets');
  const orderBy = filter.orderBy ?? 'created_at';
  const direction = filter.sort ?? 'desc';
  const perPage = clampPerPage(filter.perPage);
  const after = decodeCursor<{ at: string; id: number }>(filter.cursor, ['at', 'id']);

  let query = deps.db.db.selectFrom('tickets').where('project_id', '=', project.id);
  // Below reporter, confidential tickets do not exist (SD-36, DESIGN §7), but for their own authors.
  if (decideProject(actor, 'read_confidential', access) !== 'allowed') {
    const ownId = actor.kind === 'user' ? actor.userId : -1; // authors keep their own confidential tickets
    query = query.where((eb) => eb.or([eb('confidential', '=', 0), eb('author_id', '=', ownId)]));
  }
  query = applyFilter(query, filter, seesExternalAddresses(actor, access));
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();

  let pageQuery = query.selectAll();
  if (after) {
    const op = direction === 'desc' ? '<' : '>';
    pageQuery = pageQuery.where((eb) => eb.or([eb(orderBy, op, after.at), eb.and([eb(orderBy, '=', after.at), eb('id', op, after.id)])]));
  }
  const rows = await pageQuery
    .orderBy(orderBy, direction)
    .orderBy('id', direction)
    .limit(perPage + 1)
    .execute();
  const page = toPage(rows, perPage, (t) => ({ at: t[orderBy], id: t.id }));
  return {
    items: await ticketDetails(deps.db.db, page.items),
    nextCursor: page.nextCursor,
    total: Number(total),
    seesAddresses: seesExternalAddresses(actor, access),
    projectPath: project.path,
  };
}

function applyFilter<O>(query: SelectQueryBuilder<DB, 'tickets', O>, filter: TicketFilter, seesAddresses: boolean): SelectQueryBuilder<DB, 'tickets', O> {
  let q = query;
  const state = filter.state ?? 'opened';
  if (state !== 'all') q = q.where('state', '=', state);
  if (filter.confidential !== undefined) q = q.where('confidential', '=', filter.confidential ? 1 : 0);
  // Below reporter addresses are masked (SD-86); a search for one must not confirm what the mask hides.
  if (filter.search && !seesAddresses && filter.search.includes('@')) return q.where(sql<boolean>`1 = 0`);
  if (filter.search) {
    const term = filter.search.trim();
    const iid = /^#?(\d+)$/.exec(term);
    const needle = `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(title) like ${needle} escape '\\'`,
        sql<boolean>`lower(description) like ${needle} escape '\\'`,
        ...(iid ? [eb('iid', '=', Number(iid[1]))] : []),
      ]),
    );
  }
  for (const label of filter.labels ?? []) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('ticket_labels as l').select('l.ticket_id').whereRef('l.ticket_id', '=', 'tickets.id').where('l.label', '=', label)),
    );
  }
  if (filter.assigneeId === 'none') {
    q = q.where((eb) => eb.not(eb.exists(eb.selectFrom('ticket_assignees as a').select('a.ticket_id').whereRef('a.ticket_id', '=', 'tickets.id'))));
  } else if (filter.assigneeId !== undefined) {
    const userId = filter.assigneeId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('ticket_assignees as a').select('a.ticket_id').whereRef('a.ticket_id', '=', 'tickets.id').where('a.user_id', '=', userId)),
    );
  }
  return q;
}
