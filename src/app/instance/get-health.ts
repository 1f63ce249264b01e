import { sql } from 'kysely';
import type { Deps } from '../deps.ts';

export interface Health {
  status: 'ok' | 'degraded';
  db: 'ok' | 'error';
  queue: { depth: number; oldest_age_s: number; dead: number } | null;
}

/** What `GET /health` reports: the database answers, and how far behind the job queue is. */
export async function getHealth(deps: Deps): Promise<Health> {
  try {
    const row = await deps.db.db
      .selectFrom('jobs')
      .select([
        sql<number>`sum(case when state in ('queued', 'running') then 1 else 0 end)`.as('depth'),
        sql<number>`sum(case when state = 'dead' then 1 else 0 end)`.as('dead'),
        sql<string | null>`min(case when state in ('queued', 'running') then run_at end)`.as('oldest'),
      ])
      .where('state', 'in', ['queued', 'running', 'dead'])
      .executeTakeFirstOrThrow();
    const now = deps.clock().getTime();
    const oldestAge = row.oldest ? Math.max(0, Math.round((now - Date.parse(row.oldest)) / 1000)) : 0;
    return { status: 'ok', db: 'ok', queue: { depth: Number(row.depth ?? 0), oldest_age_s: oldestAge, dead: Number(row.dead ?? 0) } };
  } catch {
    return { status: 'degraded', db: 'error', queue: null };
  }
}
