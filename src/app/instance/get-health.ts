import { sql } from 'kysely';
import type { Deps } from '../deps.ts';

/**
 * A message still `received` this long after it arrived is stuck: its ingest job is dead, or the queue is
 * that far behind. Ingest gives up after 5 attempts within about 15 seconds, so ten minutes is never normal.
 */
export const STUCK_AFTER_MS = 10 * 60_000;

export interface Health {
  /** `degraded`: the database does not answer, a job is dead, or a message is stuck in `received`. */
  status: 'ok' | 'degraded';
  db: 'ok' | 'error';
  queue: { depth: number; oldest_age_s: number; dead: number } | null;
  /** Messages `received` longer than STUCK_AFTER_MS, and the age of the oldest of them (0 when none). */
  inbound: { stuck: number; oldest_stuck_age_s: number } | null;
}

/** What `GET /health` reports: the database answers, how far behind the job queue is, and nothing is stuck. */
export async function getHealth(deps: Deps): Promise<Health> {
  const now = deps.clock().getTime();
  const ageOf = (time: string | null) => (time ? Math.max(0, Math.round((now - Date.parse(time)) / 1000)) : 0);
  try {
    const jobs = await deps.db.db
      .selectFrom('jobs')
      .select([
        sql<number>`sum(case when state in ('queued', 'running') then 1 else 0 end)`.as('depth'),
        sql<number>`sum(case when state = 'dead' then 1 else 0 end)`.as('dead'),
        sql<string | null>`min(case when state in ('queued', 'running') then run_at end)`.as('oldest'),
      ])
      .where('state', 'in', ['queued', 'running', 'dead'])
      .executeTakeFirstOrThrow();
    const stuck = await deps.db.db
      .selectFrom('inbound_messages')
      .select([sql<number>`count(*)`.as('count'), sql<string | null>`min(received_at)`.as('oldest')])
      .where('state', '=', 'received')
      .where('received_at', '<', new Date(now - STUCK_AFTER_MS).toISOString())
      .executeTakeFirstOrThrow();
    const queue = { depth: Number(jobs.depth ?? 0), oldest_age_s: ageOf(jobs.oldest), dead: Number(jobs.dead ?? 0) };
    const inbound = { stuck: Number(stuck.count), oldest_stuck_age_s: ageOf(stuck.oldest) };
    return { status: queue.dead === 0 && inbound.stuck === 0 ? 'ok' : 'degraded', db: 'ok', queue, inbound };
  } catch {
    return { status: 'degraded', db: 'error', queue: null, inbound: null };
  }
}
