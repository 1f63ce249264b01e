// The storage half of the durable job queue: every state change of a job is one SQL statement.
// `enqueueJob` takes the caller's executor, so a job is committed together with the change that needs it
// (or not at all). Claims hand each due job to exactly one worker: on PostgreSQL through
// `FOR UPDATE SKIP LOCKED`, on SQLite because the single writer runs the UPDATE … RETURNING atomically.
import { sql } from 'kysely';
import type { Database, Executor } from './database.ts';
import type { JobRow } from './schema/jobs.ts';

export interface NewJob {
  kind: string;
  payload: unknown;
  runAt?: Date;
  /** Spent attempts make the job `dead`; each kind's number is in app/job-kinds.ts. */
  maxAttempts: number;
}

export async function enqueueJob(executor: Executor, job: NewJob, now: Date): Promise<number> {
  const at = now.toISOString();
  const row = await executor
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      state: 'queued',
      run_at: (job.runAt ?? now).toISOString(),
      attempts: 0,
      max_attempts: job.maxAttempts,
      lease_owner: null,
      lease_expires_at: null,
      last_error: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ClaimRequest {
  workerId: string;
  kinds?: string[];
  limit?: number;
  /**
   * Instead of `kinds` and `limit`: several kinds of job, each group with its own number of free slots (a
   * worker keeps slow ingest jobs from taking the slots of deliveries). One statement per group that has room.
   */
  slots?: Array<{ kinds: string[]; limit: number }>;
  leaseMs: number;
  now: Date;
  /** Jobs this worker finished since its last claim: marked done in the same commit (one fewer per job). */
  finished?: number[];
  /**
   * Also send the jobs whose lease expired on their last attempt to `dead` (default true). A worker asks for
   * it now and then rather than with every claim (a statement less per claim): until then such a job is
   * merely not claimed, as the claim skips it either way.
   */
  sweepExpired?: boolean;
}

/**
 * Marks `finished` done, then leases up to `limit` due jobs to `workerId`: queued jobs whose time has come, and running jobs whose
 * lease expired (their worker died) with attempts left. A job whose lease expired on its last attempt goes to
 * `dead` instead, so a job that crashes its worker cannot crash every worker in turn.
 */
export async function claimJobs(database: Database, request: ClaimRequest): Promise<JobRow[]> {
  const now = request.now.toISOString();
  const leaseExpiresAt = new Date(request.now.getTime() + request.leaseMs).toISOString();
  const finished = request.finished ?? [];
  const slots = (request.slots ?? [{ kinds: request.kinds ?? [], limit: request.limit ?? 0 }]).filter((slot) => slot.kinds.length > 0 && slot.limit > 0);
  if (slots.length === 0 && finished.length === 0) return [];
  if (database.dialect === 'postgres') return claimInOneStatement(database, request, slots);
  return database.transaction(async ({ trx }) => {
    await completeJobs(trx, request.workerId, finished, request.now);
    if (slots.length === 0) return [];
    if (request.sweepExpired !== false) await sweepExpiredJobs(trx, request.now);
    const claimed: JobRow[] = [];
    for (const { kinds, limit } of slots) {
      // One statement picks and leases (on PostgreSQL the pick skips rows another worker is leasing meanwhile).
      const rows = await trx
        .updateTable('jobs')
        .set({ state: 'running', lease_owner: request.workerId, lease_expires_at: leaseExpiresAt, attempts: sql`attempts + 1`, updated_at: now })
        .where('id', 'in', (eb) => {
          const due = eb
            .selectFrom('jobs')
            .select('id')
            .where('kind', 'in', kinds)
            .where((w) =>
              w.or([
                w.and([w('state', '=', 'queued'), w('run_at', '<=', now)]),
                w.and([w('state', '=', 'running'), w('lease_expires_at', '<', now), w('attempts', '<', w.ref('max_attempts'))]),
              ]),
            )
            .orderBy('run_at')
            .orderBy('id')
            .limit(limit);
          return database.dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
        })
        .returningAll()
        .execute();
      claimed.push(...rows);
    }
    // RETURNING keeps no order: hand the jobs out in the order they were due.
    return claimed.sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : a.id - b.id));
  });
}

/**
 * PostgreSQL: the whole claim as one statement, each step a data-modifying WITH (all run, on one snapshot, in
 * the statement's own transaction), so a claim is one round trip instead of four to six (begin, complete,
 * sweep, a pick per group, commit). The steps touch disjoint rows: finished jobs are ours and unexpired
 * (and excluded from the picks by id), swept ones have no attempts left, picks have some.
 */
async function claimInOneStatement(database: Database, request: ClaimRequest, slots: Array<{ kinds: string[]; limit: number }>): Promise<JobRow[]> {
  const now = request.now.toISOString();
  const leaseExpiresAt = new Date(request.now.getTime() + request.leaseMs).toISOString();
  const finished = request.finished ?? [];
  const steps = [
    sql`done as (update jobs set state = 'done', lease_owner = null, lease_expires_at = null, updated_at = ${now}
      where id = any(${finished}::bigint[]) and state = 'running' and lease_owner = ${request.workerId} returning id)`,
  ];
  if (slots.length > 0 && request.sweepExpired !== false)
    steps.push(sql`swept as (update jobs set state = 'dead', lease_owner = null, lease_expires_at = null,
      last_error = coalesce(last_error, 'lease expired'), updated_at = ${now}
      where state = 'running' and lease_expires_at < ${now} and attempts >= max_attempts returning id)`);
  const picks = slots.map((slot, i) => {
    const name = sql.raw(`pick${i}`);
    steps.push(sql`${name} as (update jobs set state = 'running', lease_owner = ${request.workerId}, lease_expires_at = ${leaseExpiresAt},
      attempts = attempts + 1, updated_at = ${now}
      where id in (select id from jobs where kind = any(${slot.kinds}::text[]) and not (id = any(${finished}::bigint[]))
        and ((state = 'queued' and run_at <= ${now}) or (state = 'running' and lease_expires_at < ${now} and attempts < max_attempts))
        order by run_at, id limit ${slot.limit} for update skip locked)
      returning *)`);
    return sql`select * from ${name}`;
  });
  const main = picks.length > 0 ? sql.join(picks, sql` union all `) : sql`select * from jobs where false`;
  const { rows } = await database.statement((db) => sql<JobRow>`with ${sql.join(steps, sql`, `)} ${main}`.execute(db));
  return rows.sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : a.id - b.id));
}

/** Jobs whose lease expired on their last attempt go to `dead`: their worker died running them, every time. */
async function sweepExpiredJobs(executor: Executor, at: Date): Promise<void> {
  const now = at.toISOString();
  await executor
    .updateTable('jobs')
    .set({ state: 'dead', lease_owner: null, lease_expires_at: null, last_error: sql`coalesce(last_error, 'lease expired')`, updated_at: now })
    .where('state', '=', 'running')
    .where('lease_expires_at', '<', now)
    .whereRef('attempts', '>=', 'max_attempts')
    .execute();
}

/** The heartbeat: keeps the leases of jobs this worker is still running. */
export async function extendLeases(executor: Executor, request: { workerId: string; ids: number[]; leaseMs: number; now: Date }): Promise<void> {
  if (request.ids.length === 0) return;
  await executor
    .updateTable('jobs')
    .set({ lease_expires_at: new Date(request.now.getTime() + request.leaseMs).toISOString() })
    .where('id', 'in', request.ids)
    .where('state', '=', 'running')
    .where('lease_owner', '=', request.workerId)
    .execute();
}

/** Marks jobs done that `workerId` still holds (an expired lease may have passed one on); says how many. */
export async function completeJobs(executor: Executor, workerId: string, ids: number[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await executor
    .updateTable('jobs')
    .set({ state: 'done', lease_owner: null, lease_expires_at: null, updated_at: now.toISOString() })
    .where('id', 'in', ids)
    .where('state', '=', 'running')
    .where('lease_owner', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Records a failure: back to `queued` at `retryAt`, or `dead` when `retryAt` is null. */
export async function failJob(executor: Executor, job: Pick<JobRow, 'id' | 'lease_owner'>, error: string, retryAt: Date | null, now: Date): Promise<void> {
  await executor
    .updateTable('jobs')
    .set({
      state: retryAt ? 'queued' : 'dead',
      run_at: (retryAt ?? now).toISOString(),
      lease_owner: null,
      lease_expires_at: null,
      last_error: error.slice(0, 4000),
      updated_at: now.toISOString(),
    })
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('lease_owner', '=', job.lease_owner)
    .execute();
}

/** Gives a dead job a fresh set of attempts. */
export async function retryDeadJob(executor: Executor, id: number, now: Date): Promise<boolean> {
  const result = await executor
    .updateTable('jobs')
    .set({ state: 'queued', attempts: 0, run_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Forgets finished jobs that were due before `before`, at most `limit` of them, and says how many went. A done
 * job is history nobody reads (the mail it handled keeps its own record); kept, one or more per mail, the
 * table and its indexes would grow without end. Dead jobs stay until someone retries them.
 */
export async function deleteDoneJobs(executor: Executor, before: Date, limit: number): Promise<number> {
  const result = await executor
    .deleteFrom('jobs')
    .where('id', 'in', (eb) =>
      eb.selectFrom('jobs').select('id').where('state', '=', 'done').where('run_at', '<', before.toISOString()).orderBy('run_at').limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
