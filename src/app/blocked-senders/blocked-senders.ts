// A project's blocked senders (issue 9): listed from reporter up, added and removed by maintainers. Mail
// from them is recorded `ignored: blocked_sender` by the ingest job and answered with nothing
// (mail/inbound/blocked-sender-check.ts); unblocking changes nothing already recorded: a maintainer replays.
import type { Actor } from '../../domain/actor.ts';
import { type BlockedSenderEntry, MAX_BLOCKED_SENDER_NOTE, parseBlockedSender } from '../../domain/blocked-sender.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { type Executor, isUniqueViolation } from '../../db/database.ts';
import type { BlockedSenderRow } from '../../db/schema/blocked-senders.ts';
import { isoNow, type Deps } from '../deps.ts';
import { type Page, type PageRequest, idPage } from '../pagination.ts';
import { loadProjectFor } from '../projects/project-access.ts';

export type BlockedSender = BlockedSenderRow & { creator: { id: number; username: string; name: string } | null };

/** Newest first. */
export async function listBlockedSenders(deps: Deps, actor: Actor, ref: string, request: PageRequest): Promise<Page<BlockedSender>> {
  const { project } = await loadProjectFor(deps.db.db, actor, ref, 'read_blocked_senders');
  const page = idPage(request);
  let query = selectBlocked(deps.db.db).where('b.project_id', '=', project.id);
  if (page.after) query = query.where('b.id', '<', page.after);
  const rows = await query
    .orderBy('b.id', 'desc')
    .limit(page.perPage + 1)
    .execute();
  return page.finish(rows.map(withCreator));
}

export async function addBlockedSender(deps: Deps, actor: Actor, ref: string, input: { value: string; note?: string | null }): Promise<BlockedSender> {
  const entry = parseBlockedSender(input.value);
  if ('problem' in entry) throw invalid('value', entry.problem);
  return blockSender(deps, actor, ref, entry, input.note ?? null);
}

/** Adds an entry in the project `ref` (an id or path), checking that the actor may manage the list. */
export async function blockSender(deps: Deps, actor: Actor, ref: string | number, entry: BlockedSenderEntry, note: string | null): Promise<BlockedSender> {
  const trimmed = note?.trim() || null;
  if (trimmed && trimmed.length > MAX_BLOCKED_SENDER_NOTE) throw invalid('note', `must be at most ${MAX_BLOCKED_SENDER_NOTE} characters`);
  try {
    return await deps.db.transaction(async ({ trx }) => {
      const { project } = await loadProjectFor(trx, actor, String(ref), 'manage_blocked_senders');
      const { id } = await trx
        .insertInto('blocked_senders')
        .values({
          project_id: project.id,
          kind: entry.kind,
          value: entry.value,
          note: trimmed,
          created_by: actor.kind === 'user' ? actor.userId : null,
          created_at: isoNow(deps),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return withCreator(await selectBlocked(trx).where('b.id', '=', id).executeTakeFirstOrThrow());
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`The ${entry.kind} ${entry.value} is already blocked in this project`, { value: 'taken' });
    throw error;
  }
}

export async function removeBlockedSender(deps: Deps, actor: Actor, ref: string, id: number): Promise<void> {
  await deps.db.transaction(async ({ trx }) => {
    const { project } = await loadProjectFor(trx, actor, ref, 'manage_blocked_senders');
    const removed = await trx.deleteFrom('blocked_senders').where('project_id', '=', project.id).where('id', '=', id).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('Blocked sender');
  });
}

const selectBlocked = (executor: Executor) =>
  executor
    .selectFrom('blocked_senders as b')
    .leftJoin('users as u', 'u.id', 'b.created_by')
    .selectAll('b')
    .select(['u.username as creator_username', 'u.name as creator_name']);

function withCreator(row: BlockedSenderRow & { creator_username: string | null; creator_name: string | null }): BlockedSender {
  const { creator_username, creator_name, ...rest } = row;
  return {
    ...rest,
    creator: rest.created_by !== null && creator_username !== null ? { id: rest.created_by, username: creator_username, name: creator_name ?? '' } : null,
  };
}
