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
  kinds: string[];
  limit: number;
  leaseMs: number;
  now: Date;
  /** Jobs this worker finished since its last claim: marked done in the same commit (one fewer per job). */
  finished?: number[];
}

/**
 * Marks `finished` done, then leases up to `limit` due jobs to `workerId`: queued jobs whose time has come, and running jobs whose
 * lease expired (their worker died). A job whose lease expired on its last attempt goes to `dead` instead,
 * so a job that crashes its worker cannot crash every worker in turn.
 */
export async function claimJobs(database: Database, request: ClaimRequest): Promise<JobRow[]> {
  const now = request.now.toISOString();
  const leaseExpiresAt = new Date(request.now.getTime() + request.leaseMs).toISOString();
  const finished = request.finished ?? [];
  if ((request.kinds.length === 0 || request.limit <= 0) && finished.length === 0) return [];
  return database.transaction(async ({ trx }) => {
    await completeJobs(trx, request.workerId, finished, request.now);
    if (request.kinds.length === 0 || request.limit <= 0) return [];
    await trx
      .updateTable('jobs')
      .set({ state: 'dead', lease_owner: null, lease_expires_at: null, last_error: sql`coalesce(last_error, 'lease expired')`, updated_at: now })
      .where('state', '=', 'running')
      .where('lease_expires_at', '<', now)
      .whereRef('attempts', '>=', 'max_attempts')
      .execute();
    let due = trx
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'in', request.kinds)
      .where((eb) =>
        eb.or([eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]), eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<', now)])]),
      )
      .orderBy('run_at')
      .orderBy('id')
      .limit(request.limit);
    if (database.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    return trx
      .updateTable('jobs')
      .set({ state: 'running', lease_owner: request.workerId, lease_expires_at: leaseExpiresAt, attempts: sql`attempts + 1`, updated_at: now })
      .where('id', 'in', ids)
      .returningAll()
      .execute();
  });
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
