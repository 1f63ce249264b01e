// The worker loop: claim due jobs with a lease, run them, record the outcome. Any number of workers,
// in any number of processes, can share one database. A job runs at most once at a time; a job whose
// worker dies is taken again when its lease expires. Leases are short and renewed while a job runs
// (a heartbeat every third of the lease), so a long job keeps its lease and a dead worker's jobs come
// back within seconds, not minutes.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../app/deps.ts';
import type { Database } from '../db/database.ts';
import { claimJobs, deleteDoneJobs, extendLeases, failJob } from '../db/job-store.ts';
import type { JobRow } from '../db/schema/jobs.ts';
import { retryDelayMs } from './backoff.ts';
import { PermanentJobError, type JobHandlers } from './job-handler.ts';

export interface WorkerOptions {
  db: Database;
  handlers: JobHandlers;
  clock: Clock;
  logger: Logger;
  workerId?: string;
  /** How often to look for due jobs when not woken. */
  pollMs?: number;
  /** How long a claimed job is ours without a heartbeat; renewed every third of it while the job runs. */
  leaseMs?: number;
  /** How many jobs run at once (of the kinds that have no slots of their own in `ownSlots`). */
  concurrency?: number;
  /**
   * Kinds with slots of their own, so that one kind cannot hold every slot while another waits: a burst of
   * ingest jobs (each waiting on the parsing threads) would otherwise keep the thank-yous it queues from
   * going out, and many deliveries waiting on a slow relay would hold up ingest.
   */
  ownSlots?: Array<{ kinds: string[]; concurrency: number }>;
  random?: () => number;
}

/** Finished jobs are kept a week (to look into a recent incident), then deleted by whichever worker runs. */
const KEEP_DONE_MS = 7 * 24 * 3_600_000;
/** How often a worker deletes old finished jobs, and how many per statement (a short write lock each). */
const CLEAN_UP_EVERY_MS = 10 * 60_000;
const CLEAN_UP_BATCH = 1000;

export interface Worker {
  readonly id: string;
  /** Look for jobs now (called after a commit that enqueued one). */
  wake(): void;
  /** Stops claiming and waits for running jobs to finish. */
  stop(): Promise<void>;
  /** Resolves once no claim finds work and nothing is running; for tests and `worker --drain`. */
  idle(): Promise<void>;
}

export function startWorker(options: WorkerOptions): Worker {
  const id = options.workerId ?? `worker-${randomUUID()}`;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 15_000;
  const kinds = Object.keys(options.handlers);
  const groups = slotGroups(kinds, options.concurrency ?? 4, options.ownSlots ?? []);
  const groupOf = new Map(groups.flatMap((group) => group.kinds.map((kind) => [kind, group] as const)));
  const running = new Set<Promise<void>>();
  /** When expired last attempts were last sent to `dead` (claimJobs' sweepExpired): a few times a lease. */
  let sweptAt = Number.NEGATIVE_INFINITY;
  const runningIds = new Set<number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let looking: Promise<void> | null = null;
  let wokenWhileLooking = false;
  let idleWaiters: Array<() => void> = [];
  /** Jobs that ran to success and wait for the next claim's commit to be marked done (they keep their lease). */
  let finished: number[] = [];

  const runJob = async (job: JobRow) => {
    const handler = options.handlers[job.kind]!;
    let failed = false;
    let failure: unknown;
    try {
      await handler.run(JSON.parse(job.payload), job);
    } catch (error) {
      failed = true;
      failure = error;
    }
    // A success is recorded with the next claim (see `fresh` below).
    // Only the handler's own error is a failed attempt: a success whose recording hit a database error must
    // not be backed off, nor go dead after enough of them. If recording fails for good, the job loses its
    // lease and runs again when that expires, as if this worker had died.
    if (!failed) {
      finished.push(job.id);
      return;
    }
    const message = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
    const permanent = failure instanceof PermanentJobError || job.attempts >= job.max_attempts;
    const now = options.clock();
    const retryAt = permanent ? null : new Date(now.getTime() + retryDelayMs(job.attempts, options.random));
    options.logger.warn({ job: job.id, kind: job.kind, attempt: job.attempts, err: message, dead: permanent }, 'job failed');
    await options.db
      .transaction(({ trx }) => failJob(trx, job, message, retryAt, now))
      .catch((e) => options.logger.error({ err: e, job: job.id }, 'could not record job failure'));
  };

  /**
   * Whether something may have become due since the last claim: a commit queued a job (the bell), the poll
   * came round, someone waits for idle. A slot freed by a finished job alone claims only for a group whose
   * last claim filled every slot it had (more may be due); a group whose claim found fewer has nothing due
   * until one of those says otherwise. Without this every finished job cost a claim that found nothing.
   */
  let fresh = true;

  const lookForWork = async () => {
    do {
      wokenWhileLooking = false;
      if (fresh || idleWaiters.length > 0) for (const group of groups) group.drained = false;
      fresh = false;
      const slots = groups.map((group) => ({ kinds: group.kinds, limit: stopped || group.drained ? 0 : group.concurrency - group.running }));
      const done = finished;
      // Successes wait for the next claim (a few milliseconds under load, at most a poll when idle: they keep
      // their lease meanwhile); a stopping worker records them now.
      if (slots.every((slot) => slot.limit <= 0) && (done.length === 0 || !stopped)) return;
      finished = [];
      const now = options.clock();
      const sweepExpired = now.getTime() - sweptAt >= leaseMs / 3;
      let jobs: JobRow[] = [];
      try {
        jobs = await claimJobs(options.db, { workerId: id, slots, leaseMs, now, finished: done, sweepExpired });
      } catch (error) {
        finished.push(...done);
        options.logger.error({ err: error }, 'claiming jobs failed; will try again');
        return;
      }
      if (sweepExpired) sweptAt = now.getTime();
      for (const [i, group] of groups.entries()) {
        const limit = slots[i]!.limit;
        if (limit > 0) group.drained = jobs.filter((job) => groupOf.get(job.kind) === group).length < limit;
      }
      for (const jobId of done) runningIds.delete(jobId);
      for (const job of jobs) {
        runningIds.add(job.id);
        const group = groupOf.get(job.kind)!;
        group.running++;
        const run = runJob(job).finally(() => {
          running.delete(run);
          group.running--;
          if (!finished.includes(job.id)) runningIds.delete(job.id); // a finished one keeps its lease until recorded
          wake(false);
        });
        running.add(run);
      }
      if (jobs.length === 0 && running.size === 0 && !wokenWhileLooking) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
    } while (wokenWhileLooking && !stopped);
  };

  /**
   * `external`: something may have become due (see `fresh`); false for a slot freed by a finished job. The
   * look starts one turn of the event loop later, so the wakes of one turn (a group commit of several mails
   * rings once per mail; jobs finishing together) share one claim.
   */
  let wakeQueued = false;
  const wake = (external = true) => {
    if (stopped) return;
    if (external) fresh = true;
    if (wakeQueued) return;
    wakeQueued = true;
    setImmediate(() => {
      wakeQueued = false;
      look();
    });
  };

  const look = () => {
    if (stopped) return;
    if (looking) {
      wokenWhileLooking = true;
      return;
    }
    looking = lookForWork().finally(() => {
      looking = null;
    });
  };

  const schedule = () => {
    timer = setTimeout(() => {
      wake();
      if (!stopped) schedule();
    }, pollMs);
    timer.unref();
  };

  const heartbeat = setInterval(
    () => {
      if (runningIds.size === 0) return;
      extendLeases(options.db.db, { workerId: id, ids: [...runningIds], leaseMs, now: options.clock() }).catch((error) =>
        options.logger.warn({ err: error }, 'could not renew job leases'),
      );
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  heartbeat.unref();

  const cleanUp = async () => {
    const before = new Date(options.clock().getTime() - KEEP_DONE_MS);
    try {
      while (!stopped && (await options.db.transaction(({ trx }) => deleteDoneJobs(trx, before, CLEAN_UP_BATCH))) === CLEAN_UP_BATCH);
    } catch (error) {
      options.logger.warn({ err: error }, 'could not delete old finished jobs; will try again');
    }
  };
  const cleaner = setInterval(() => void cleanUp(), CLEAN_UP_EVERY_MS);
  cleaner.unref();

  schedule();
  wake();

  return {
    id,
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await looking;
      await Promise.allSettled([...running]);
      await lookForWork(); // records the successes still waiting for a claim
      clearInterval(heartbeat);
      clearInterval(cleaner);
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake();
      });
    },
  };
}

interface SlotGroup {
  kinds: string[];
  concurrency: number;
  running: number;
  /** Its last claim found fewer due jobs than it had free slots. */
  drained: boolean;
}

/** The kinds with slots of their own, each a group, and one group of the rest sharing `concurrency`. */
function slotGroups(kinds: string[], concurrency: number, ownSlots: NonNullable<WorkerOptions['ownSlots']>): SlotGroup[] {
  const groups = ownSlots
    .map((slot) => ({ kinds: slot.kinds.filter((kind) => kinds.includes(kind)), concurrency: slot.concurrency, running: 0, drained: false }))
    .filter((group) => group.kinds.length > 0);
  const own = new Set(groups.flatMap((group) => group.kinds));
  const rest = kinds.filter((kind) => !own.has(kind));
  return rest.length > 0 ? [...groups, { kinds: rest, concurrency, running: 0, drained: false }] : groups;
}
