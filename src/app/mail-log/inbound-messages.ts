import type { Actor } from '../../domain/actor.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { queueJob } from '../job-kinds.ts';
import type { InboundMessageRow, InboundState } from '../../db/schema/inbound-messages.ts';
import type { Deps } from '../deps.ts';
import { announceInbound } from '../events/announce.ts';
import { idPage, type Page, type PageRequest } from '../pagination.ts';
import { rawMessagePieces } from '../inbound/raw-message.ts';
import { authorizeMailLogEntry, mailLogProjects } from './mail-log-scope.ts';

export type InboundListItem = InboundMessageRow & { ticket_iid: number | null };

/** Newest first. */
export async function listInboundMessages(
  deps: Deps,
  actor: Actor,
  filter: PageRequest & { state?: InboundState; projectRef?: string },
): Promise<Page<InboundListItem>> {
  const projects = await mailLogProjects(deps.db.db, actor, filter.projectRef);
  const page = idPage(filter);
  let query = deps.db.db.selectFrom('inbound_messages as m').leftJoin('tickets as t', 't.id', 'm.ticket_id').selectAll('m').select('t.iid as ticket_iid');
  if (projects !== null) query = query.where('m.project_id', 'in', projects.length ? projects : [-1]);
  if (filter.state) query = query.where('m.state', '=', filter.state);
  if (page.after) query = query.where('m.id', '<', page.after);
  const rows = await query
    .orderBy('m.id', 'desc')
    .limit(page.perPage + 1)
    .execute();
  return page.finish(rows);
}

export async function getInboundMessage(deps: Deps, actor: Actor, id: number): Promise<InboundMessageRow & { ticket_iid: number | null }> {
  const row = await deps.db.db
    .selectFrom('inbound_messages as m')
    .leftJoin('tickets as t', 't.id', 'm.ticket_id')
    .selectAll('m')
    .select('t.iid as ticket_iid')
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Message');
  await authorizeMailLogEntry(deps.db.db, actor, row.project_id);
  return row;
}

/** The message's bytes exactly as received, piece by piece: a download need not hold the whole mail. */
export async function getInboundMessageBytes(deps: Deps, actor: Actor, id: number): Promise<{ id: number; pieces: AsyncGenerator<Buffer> }> {
  const message = await getInboundMessage(deps, actor, id);
  return { id: message.id, pieces: rawMessagePieces(deps.db.db, message.id) };
}

/** Runs a failed or ignored message through processing again. A processed one would only be a duplicate. */
export async function replayInboundMessage(deps: Deps, actor: Actor, id: number): Promise<void> {
  const row = await getInboundMessage(deps, actor, id);
  if (row.state === 'processed')
    throw new DomainError('conflict', 'This message was processed; replaying it would only find a duplicate', { state: row.state });
  if (row.state === 'received') throw new DomainError('conflict', 'This message is still waiting to be processed', { state: row.state });
  const now = deps.clock();
  await deps.db.transaction(async ({ trx, onCommit }) => {
    await trx.updateTable('inbound_messages').set({ state: 'received', reason: null, error: null, processed_at: null }).where('id', '=', id).execute();
    await queueJob(trx, 'ingest_inbound', { inboundMessageId: id }, now);
    onCommit(() => deps.jobBell.ring());
    announceInbound(deps, trx, { id, projectId: row.project_id, state: 'received' });
  });
}
