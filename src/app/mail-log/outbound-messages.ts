import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import type { OutboundMessageRow } from '../../db/schema/outbound-messages.ts';
import type { Deps } from '../deps.ts';
import { idPage, type Page, type PageRequest } from '../pagination.ts';
import { authorizeMailLogEntry, mailLogProjects } from './mail-log-scope.ts';

export type OutboundListItem = OutboundMessageRow & { ticket_iid: number | null };

/** Newest first. */
export async function listOutboundMessages(
  deps: Deps,
  actor: Actor,
  filter: PageRequest & { projectRef?: string; to?: string },
): Promise<Page<OutboundListItem>> {
  const projects = await mailLogProjects(deps.db.db, actor, filter.projectRef);
  const page = idPage(filter);
  let query = deps.db.db.selectFrom('outbound_messages as o').leftJoin('tickets as t', 't.id', 'o.ticket_id').selectAll('o').select('t.iid as ticket_iid');
  if (projects !== null) query = query.where('o.project_id', 'in', projects.length ? projects : [-1]);
  if (filter.to) query = query.where('o.to_address', '=', filter.to);
  if (page.after) query = query.where('o.id', '<', page.after);
  return page.finish(
    await query
      .orderBy('o.id', 'desc')
      .limit(page.perPage + 1)
      .execute(),
  );
}

export async function getOutboundMessage(deps: Deps, actor: Actor, id: number): Promise<OutboundListItem> {
  const row = await deps.db.db
    .selectFrom('outbound_messages as o')
    .leftJoin('tickets as t', 't.id', 'o.ticket_id')
    .selectAll('o')
    .select('t.iid as ticket_iid')
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Message');
  await authorizeMailLogEntry(deps.db.db, actor, row.project_id);
  return row;
}
