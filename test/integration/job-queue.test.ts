// The durable job queue against a real database (SQLite by default, PostgreSQL when DATABASE_URL is set):
// the store's state changes one by one, then workers driving them, alone and racing each other.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ColumnNode,
  RawNode,
  sql,
  ValueNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { pino } from 'pino';
import { JOB_KINDS, type JobKind, queueJob } from '../../src/app/job-kinds.ts';
import { Database } from '../../src/db/database.ts';
import { claimJobs, completeJobs, deleteDoneJobs, enqueueJob, failJob, retryDeadJob } from '../../src/db/job-store.ts';
import { PermanentJobError, type JobHandlers } from '../../src/jobs/job-handler.ts';
import { startWorker, type Worker } from '../../src/jobs/worker.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const logger = pino({ level: 'silent' });

// Store-level tests pass explicit times; a fixed instant keeps run_at and lease arithmetic exact.
const T0 = new Date('2031-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

// The whole file shares one database, so every test uses its own job kinds: claims filter on kind,
// which keeps one test's jobs out of another's claims.
let kindCounter = 0;
const newKind = (label: string) => `${label}-${++kindCounter}`;

let tdb: TestDatabase;
let db: Database;

before(async () => {
  tdb = await createTestDatabase();
  db = tdb.open();
});
after(() => tdb.drop());

const enqueue = (kind: string, options: { payload?: unknown; runAt?: Date; maxAttempts?: number; now?: Date } = {}) =>
  enqueueJob(db.db, { kind, payload: options.payload ?? {}, runAt: options.runAt, maxAttempts: options.maxAttempts ?? 10 }, options.now ?? T0);

const claim = (workerId: string, kinds: string[], now: Date, options: { limit?: number; leaseMs?: number; database?: Database } = {}) =>
  claimJobs(options.database ?? db, { workerId, kinds, limit: options.limit ?? 10, leaseMs: options.leaseMs ?? 60_000, now });

const jobRow = (id: number) => db.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const jobsOfKind = (kind: string) => db.db.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('id').execute();

/** Polls until `check` holds, failing after `timeoutMs` instead of hanging the run. */
async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves with `promise`, or fails the test when it takes longer than `timeoutMs`. */
async function within<T>(what: string, promise: Promise<T>, timeoutMs = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Makes the first `times` updates that mark a job done fail as the database does when another writer holds
 * the lock (SQLITE_BUSY / PostgreSQL serialization failure): a transient fault, injected without a second writer.
 */
class BusyOnCompletion implements KyselyPlugin {
  failed = 0;
  constructor(
    private readonly code: string,
    private readonly times: number,
  ) {}
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (this.failed < this.times && marksDone(node)) {
      this.failed++;
      throw Object.assign(new Error('database is locked'), { code: this.code });
    }
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

function marksDone(node: RootOperationNode): boolean {
  // PostgreSQL claims (and completes) in one raw statement (job-store.ts claimInOneStatement).
  if (RawNode.is(node)) return JSON.stringify(node).includes("set state = 'done'");
  if (node.kind !== 'UpdateQueryNode') return false;
  return (node.updates ?? []).some((u) => ColumnNode.is(u.column) && u.column.column.name === 'state' && ValueNode.is(u.value) && u.value.value === 'done');
}

/** A worker on an injected clock that the test moves by hand, so backoff times are exact. */
function manualWorker(handlers: JobHandlers, options: { database?: Database; workerId?: string; leaseMs?: number } = {}) {
  let now = T0;
  const worker = startWorker({
    db: options.database ?? db,
    handlers,
    clock: () => now,
    logger,
    workerId: options.workerId,
    leaseMs: options.leaseMs,
    // Polling would only repeat what wake()/idle() already do; the test drives the worker.
    pollMs: 60_000,
    random: () => 0,
  });
  return {
    worker,
    setNow(next: Date) {
      now = next;
    },
    /** Waits until the worker found nothing more to do at the current clock. */
    settle: () => within('the worker to go idle', worker.idle()),
  };
}

describe('job queue: enqueue', () => {
  it('leaves no job behind when the enqueuing transaction rolls back, and a committed one is claimable', async () => {
    const kind = newKind('enqueue');
    await assert.rejects(
      db.transaction(async ({ trx }) => {
        await enqueueJob(trx, { kind, payload: { n: 'rolled back' }, maxAttempts: 10 }, T0);
        throw new Error('the change that needed the job failed');
      }),
      /the change that needed the job failed/,
    );
    assert.equal((await jobsOfKind(kind)).length, 0);

    const id = await db.transaction(({ trx }) => enqueueJob(trx, { kind, payload: { n: 'committed' }, maxAttempts: 10 }, T0));
    const claimed = await claim('w1', [kind], T0);
    assert.deepEqual(
      claimed.map((j) => [j.id, JSON.parse(j.payload)]),
      [[id, { n: 'committed' }]],
    );
  });

  it('stores a new job as queued with no attempts, due now unless told otherwise', async () => {
    const kind = newKind('enqueue');
    const id = await enqueue(kind, { payload: { to: 'a@example.com' }, maxAttempts: 3 });
    const row = await jobRow(id);
    assert.equal(row.state, 'queued');
    assert.equal(row.attempts, 0);
    assert.equal(row.max_attempts, 3);
    assert.equal(row.run_at, T0.toISOString());
    assert.deepEqual(JSON.parse(row.payload), { to: 'a@example.com' });
  });
});

describe('job queue: claims', () => {
  it('hands a job to one claimer only, leased to it and counted as an attempt', async () => {
    const kind = newKind('once');
    const id = await enqueue(kind);
    const first = await claim('w1', [kind], T0, { leaseMs: 30_000 });
    assert.deepEqual(
      first.map((j) => j.id),
      [id],
    );
    assert.equal(first[0]!.state, 'running');
    assert.equal(first[0]!.lease_owner, 'w1');
    assert.equal(first[0]!.attempts, 1);
    assert.equal(first[0]!.lease_expires_at, at(30_000).toISOString());

    // A second worker (through its own connection, as another process) finds nothing while the lease holds.
    const other = tdb.open();
    assert.deepEqual(await claim('w2', [kind], at(1000), { database: other }), []);
    assert.deepEqual(await claim('w1', [kind], at(1000)), []);
  });

  it('does not hand out a job before its run_at', async () => {
    const kind = newKind('later');
    const id = await enqueue(kind, { runAt: at(60_000) });
    assert.deepEqual(await claim('w1', [kind], at(59_999)), []);
    assert.deepEqual(
      (await claim('w1', [kind], at(60_000))).map((j) => j.id),
      [id],
    );
  });

  it('claims only the kinds it was asked for, and nothing for no kinds', async () => {
    const mail = newKind('mail');
    const hook = newKind('hook');
    const mailJob = await enqueue(mail);
    const hookJob = await enqueue(hook);
    assert.deepEqual(await claim('w1', [], T0), []);
    assert.deepEqual(
      (await claim('w1', [mail], T0)).map((j) => j.id),
      [mailJob],
    );
    assert.equal((await jobRow(hookJob)).state, 'queued');
    assert.deepEqual(
      (await claim('w1', [mail, hook], T0)).map((j) => j.id),
      [hookJob],
    );
  });

  it('claims at most `limit` jobs, the longest-due first', async () => {
    const kind = newKind('limit');
    const newest = await enqueue(kind, { runAt: at(-1000) });
    const oldest = await enqueue(kind, { runAt: at(-3000) });
    const middle = await enqueue(kind, { runAt: at(-2000) });
    const first = await claim('w1', [kind], T0, { limit: 2 });
    assert.deepEqual(
      first.map((j) => j.id).sort((a, b) => a - b),
      [oldest, middle].sort((a, b) => a - b),
    );
    assert.deepEqual(
      (await claim('w1', [kind], T0, { limit: 2 })).map((j) => j.id),
      [newest],
    );
  });
});

describe('job queue: failures and retries', () => {
  it('puts a failed job back in the queue after a backoff, counting attempts, until it goes dead', async () => {
    const kind = newKind('flaky');
    let runs = 0;
    const { worker, setNow, settle } = manualWorker({
      [kind]: {
        async run() {
          runs++;
          throw new Error(`relay refused (run ${runs})`);
        },
      },
    });
    try {
      const id = await enqueue(kind, { maxAttempts: 3 });
      await settle();
      let row = await jobRow(id);
      assert.equal(row.state, 'queued');
      assert.equal(row.attempts, 1);
      assert.equal(row.lease_owner, null);
      assert.match(row.last_error ?? '', /relay refused \(run 1\)/);
      // random() is 0, so the wait is the bottom of the first window: half of the one-second base.
      assert.equal(row.run_at, at(500).toISOString());

      // Not due yet: the worker must leave it alone.
      setNow(at(499));
      await settle();
      assert.equal(runs, 1);

      setNow(at(500));
      await settle();
      row = await jobRow(id);
      assert.equal(row.state, 'queued');
      assert.equal(row.attempts, 2);
      assert.match(row.last_error ?? '', /run 2/);
      // The second window is twice as long: at least one second after this failure.
      assert.equal(row.run_at, at(1500).toISOString());

      setNow(at(1500));
      await settle();
      row = await jobRow(id);
      assert.equal(row.state, 'dead');
      assert.equal(row.attempts, 3);
      assert.match(row.last_error ?? '', /run 3/);
      assert.equal(row.lease_owner, null);

      // Dead stays dead, however late it gets.
      setNow(at(3_600_000));
      await settle();
      assert.equal(runs, 3);
    } finally {
      await worker.stop();
    }
  });

  it('deletes finished jobs due before a time, in batches, and keeps the rest', async () => {
    const kind = newKind('history');
    const done = async (runAt: Date) => {
      const id = await enqueue(kind, { runAt, now: runAt });
      const [job] = await claim('w-history', [kind], at(3_600_000));
      assert.ok(job && (await completeJobs(db.db, job.lease_owner!, [job.id], at(3_600_000))) === 1, 'completed');
      return id;
    };
    const old = [await done(at(-3 * 86_400_000)), await done(at(-2 * 86_400_000)), await done(at(-86_400_000))];
    const recent = await done(at(0));
    const queued = await enqueue(kind, { runAt: at(-5 * 86_400_000) });
    assert.equal(await deleteDoneJobs(db.db, at(-3_600_000), 2), 2, 'a batch at most');
    assert.equal(await deleteDoneJobs(db.db, at(-3_600_000), 2), 1, 'then the rest');
    const left = (await jobsOfKind(kind)).map((j) => j.id).sort((a, b) => a - b);
    assert.deepEqual(
      left,
      [recent, queued].sort((a, b) => a - b),
    );
    assert.ok(
      old.every((id) => !left.includes(id)),
      'the old finished ones are gone',
    );
  });

  it("queues each of the app's kinds with its own retry policy", async () => {
    for (const kind of Object.keys(JOB_KINDS) as JobKind[]) {
      const row = await jobRow(await queueJob(db.db, kind, {}, T0, at(3_600_000_000)));
      assert.equal(row.max_attempts, JOB_KINDS[kind].maxAttempts, `${kind} keeps its kind's attempts`);
      await db.db.deleteFrom('jobs').where('id', '=', row.id).execute();
    }
    assert.equal(JOB_KINDS.deliver_verification_mail.maxAttempts, 1, 'a verification mail is tried once (SD-94)');
  });

  it('sends a job that throws PermanentJobError straight to dead', async () => {
    const kind = newKind('permanent');
    let runs = 0;
    const { worker, settle } = manualWorker({
      [kind]: {
        async run() {
          runs++;
          throw new PermanentJobError('mailbox does not exist');
        },
      },
    });
    try {
      const id = await enqueue(kind, { maxAttempts: 5 });
      await settle();
      const row = await jobRow(id);
      assert.equal(runs, 1);
      assert.equal(row.state, 'dead');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /PermanentJobError: mailbox does not exist/);
    } finally {
      await worker.stop();
    }
  });

  it('requeues a dead job with a fresh set of attempts, and refuses jobs that are not dead', async () => {
    const kind = newKind('revive');
    const id = await enqueue(kind, { maxAttempts: 1 });
    const [job] = await claim('w1', [kind], T0);
    await failJob(db.db, job!, 'Error: boom', null, T0);
    assert.equal((await jobRow(id)).state, 'dead');
    assert.deepEqual(await claim('w1', [kind], at(60_000)), [], 'a dead job is never claimed');

    assert.equal(await retryDeadJob(db.db, id, at(1000)), true);
    const row = await jobRow(id);
    assert.equal(row.state, 'queued');
    assert.equal(row.attempts, 0);
    assert.equal(row.run_at, at(1000).toISOString());
    assert.equal(await retryDeadJob(db.db, id, at(1000)), false, 'a queued job is not "retried" again');

    const [again] = await claim('w1', [kind], at(1000));
    assert.equal(again?.id, id);
    assert.equal(again.attempts, 1);
    assert.equal(await completeJobs(db.db, again.lease_owner!, [again.id], at(1000)), 1);
    assert.equal(await retryDeadJob(db.db, id, at(2000)), false, 'a done job stays done');
    assert.equal(await retryDeadJob(db.db, 999_999_999, at(2000)), false);
  });
});

describe('job queue: slots', () => {
  it('gives kinds with slots of their own their own: a burst of one kind neither exceeds them nor holds up the others', async () => {
    const slow = newKind('slow');
    const quick = newKind('quick');
    let slowRunning = 0;
    let mostSlowAtOnce = 0;
    let quickRan = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handlers: JobHandlers = {
      [slow]: {
        async run() {
          slowRunning++;
          mostSlowAtOnce = Math.max(mostSlowAtOnce, slowRunning);
          await released;
          slowRunning--;
        },
      },
      [quick]: {
        async run() {
          quickRan++;
        },
      },
    };
    const due = { now: new Date(0) }; // the worker runs on the real clock
    for (let i = 0; i < 4; i++) await enqueue(slow, due);
    const worker = startWorker({ db, handlers, clock: () => new Date(), logger, pollMs: 20, concurrency: 1, ownSlots: [{ kinds: [slow], concurrency: 2 }] });
    try {
      await waitFor('two slow jobs to start', () => slowRunning === 2);
      const quickId = await enqueue(quick, due);
      worker.wake();
      await waitFor('the quick job to run while the slow ones hold their slots', () => quickRan === 1);
      await waitFor('the quick job to be done', async () => (await jobRow(quickId)).state === 'done');
      assert.equal(mostSlowAtOnce, 2, 'never more slow jobs at once than their slots');
      release();
      await waitFor('every slow job to be done', async () => (await jobsOfKind(slow)).every((j) => j.state === 'done'));
      assert.equal(mostSlowAtOnce, 2);
    } finally {
      release();
      await worker.stop();
    }
  });
});

describe('job queue: leases', () => {
  it('gives a job whose worker died to another worker once the lease expires', async () => {
    const kind = newKind('orphan');
    const id = await enqueue(kind);
    // The "dead" worker claims with a one-second lease and is never heard from again.
    const [orphaned] = await claim('dead-worker', [kind], T0, { leaseMs: 1000 });
    assert.equal(orphaned?.id, id);
    assert.deepEqual(await claim('rescuer', [kind], at(999)), [], 'the lease still holds');

    const ran: number[] = [];
    const other = tdb.open();
    const { worker, setNow, settle } = manualWorker(
      {
        [kind]: {
          async run(_payload, job) {
            ran.push(job.id);
          },
        },
      },
      { database: other, workerId: 'rescuer' },
    );
    try {
      setNow(at(1001));
      await settle();
      assert.deepEqual(ran, [id]);
      const row = await jobRow(id);
      assert.equal(row.state, 'done');
      assert.equal(row.attempts, 2, 'the lost run counts as an attempt');
    } finally {
      await worker.stop();
    }
  });

  it('sends a job whose lease expired on its last attempt to dead instead of running it again', async () => {
    const kind = newKind('crasher');
    const id = await enqueue(kind, { maxAttempts: 2 });
    assert.equal((await claim('w1', [kind], T0, { leaseMs: 1000 })).length, 1);
    // Second and last attempt, also lost.
    const [second] = await claim('w2', [kind], at(2000), { leaseMs: 1000 });
    assert.equal(second?.attempts, 2);
    assert.deepEqual(await claim('w3', [kind], at(4000)), []);
    const row = await jobRow(id);
    assert.equal(row.state, 'dead');
    assert.equal(row.lease_owner, null);
    assert.equal(row.lease_expires_at, null);
    assert.match(row.last_error ?? '', /lease expired/);
  });

  it('ignores completion and failure reports from a worker whose lease was taken over', async () => {
    const kind = newKind('stale');
    const id = await enqueue(kind);
    const [stale] = await claim('slow-worker', [kind], T0, { leaseMs: 1000 });
    const [current] = await claim('fresh-worker', [kind], at(2000), { leaseMs: 60_000 });
    assert.equal(current?.id, id);

    assert.equal(await completeJobs(db.db, stale!.lease_owner!, [stale!.id], at(2500)), 0);
    await failJob(db.db, stale!, 'Error: too late', null, at(2500));
    let row = await jobRow(id);
    assert.equal(row.state, 'running');
    assert.equal(row.lease_owner, 'fresh-worker');
    assert.equal(row.last_error, null);

    assert.equal(await completeJobs(db.db, current.lease_owner!, [current.id], at(3000)), 1);
    row = await jobRow(id);
    assert.equal(row.state, 'done');
    assert.equal(row.lease_owner, null);
  });
});

describe('job queue: workers', () => {
  it('runs every job exactly once when two workers on separate connections race for 200 jobs', async () => {
    const kind = newKind('race');
    const total = 200;
    const ids = new Set<number>();
    await db.transaction(async ({ trx }) => {
      for (let n = 0; n < total; n++) ids.add(await enqueueJob(trx, { kind, payload: { n }, maxAttempts: 10 }, new Date()));
    });

    const runsById = new Map<number, number>();
    const runsByWorker = new Map<string, number>();
    const handlers: JobHandlers = {
      [kind]: {
        async run(_payload, job) {
          runsById.set(job.id, (runsById.get(job.id) ?? 0) + 1);
          runsByWorker.set(job.lease_owner!, (runsByWorker.get(job.lease_owner!) ?? 0) + 1);
          // Yield so both workers' claims and completions interleave instead of running back to back.
          await new Promise((resolve) => setImmediate(resolve));
        },
      },
    };
    const workers: Worker[] = [];
    for (const workerId of ['racer-a', 'racer-b']) {
      const connection = tdb.open();
      if (connection.dialect === 'sqlite') {
        // better-sqlite3 waits for a lock synchronously. Between two processes that is harmless, but here
        // both connections share one event loop, so the waiting one would freeze the lock holder for the
        // whole busy_timeout. A shorter timeout turns that into the busy error + retry that
        // Database.transaction already handles, which is the path this race should exercise anyway.
        await sql`pragma busy_timeout = 100`.execute(connection.db);
      }
      workers.push(startWorker({ db: connection, handlers, clock: () => new Date(), logger, workerId, pollMs: 20, concurrency: 4 }));
    }
    try {
      await waitFor('all race jobs to be done', async () => (await jobsOfKind(kind)).every((j) => j.state === 'done'), 30_000);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }

    assert.deepEqual(
      [...runsById.keys()].sort((a, b) => a - b),
      [...ids].sort((a, b) => a - b),
    );
    const repeated = [...runsById].filter(([, runs]) => runs !== 1);
    assert.deepEqual(repeated, [], 'no job ran twice');
    const rows = await jobsOfKind(kind);
    assert.equal(rows.length, total);
    assert.ok(
      rows.every((j) => j.state === 'done' && j.attempts === 1),
      "rows.every((j) => j.state === 'done' && j.attempts === 1)",
    );
    // Both workers took part; otherwise this test would not have raced anything.
    assert.equal(runsByWorker.size, 2, `runs per worker: ${JSON.stringify([...runsByWorker])}`);
  });

  it('retries recording a success that hits a busy database, instead of counting it as a failed attempt', async () => {
    const kind = newKind('busy');
    const busy = new BusyOnCompletion(db.dialect === 'postgres' ? '40001' : 'SQLITE_BUSY', 1);
    // Same connection, with the fault injected on the way to it.
    const faulty = new Database(db.db.withPlugin(busy), db.dialect);
    let runs = 0;
    const { worker, settle } = manualWorker(
      {
        [kind]: {
          async run() {
            runs++;
          },
        },
      },
      { database: faulty },
    );
    try {
      const id = await enqueue(kind);
      await settle();
      assert.equal(busy.failed, 1, 'the fault was injected');
      const row = await jobRow(id);
      assert.equal(runs, 1);
      assert.equal(row.state, 'done');
      assert.equal(row.attempts, 1);
      assert.equal(row.last_error, null);
    } finally {
      await worker.stop();
    }
  });

  it('renews the lease of a job that runs longer than its lease, so no other worker takes it', async () => {
    const kind = newKind('long-running');
    let runs = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const handlers: JobHandlers = {
      [kind]: {
        async run() {
          runs++;
          await released;
        },
      },
    };
    // Real clocks here: the heartbeat runs on a timer, every third of the 1 s lease (generous, for a loaded CI machine).
    const first = startWorker({ db, handlers, clock: () => new Date(), logger, leaseMs: 1000, pollMs: 50 });
    const second = startWorker({ db, handlers, clock: () => new Date(), logger, leaseMs: 1000, pollMs: 50 });
    try {
      const id = await enqueueJob(db.db, { kind, payload: {}, maxAttempts: 10 }, new Date());
      first.wake();
      await waitFor('the job to start', () => runs === 1);
      await new Promise((resolve) => setTimeout(resolve, 3000)); // three leases long
      assert.equal(runs, 1, 'another worker took the job while its lease was being renewed');
      const row = await jobRow(id);
      assert.equal(row.state, 'running');
      assert.ok(Date.parse(row.lease_expires_at!) > Date.now(), 'the lease is in the future');
      release();
      await waitFor('the job to be done', async () => (await jobRow(id)).state === 'done');
    } finally {
      release();
      await first.stop();
      await second.stop();
    }
  });

  it('keeps running after a handler throws', async () => {
    const kind = newKind('resilient');
    const { worker, settle } = manualWorker({
      [kind]: {
        async run(payload) {
          if ((payload as { explode?: boolean }).explode) throw new TypeError('handler bug');
        },
      },
    });
    try {
      const bad = await enqueue(kind, { payload: { explode: true } });
      await settle();
      assert.equal((await jobRow(bad)).state, 'queued');

      const good = await enqueue(kind, { payload: {} });
      await settle();
      assert.equal((await jobRow(good)).state, 'done');
    } finally {
      await worker.stop();
    }
  });

  it('waits in stop() for a job in flight to finish and be recorded, and claims nothing after', async () => {
    const kind = newKind('inflight');
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const handlerReleased = new Promise<void>((resolve) => (release = resolve));
    const { worker } = manualWorker({
      [kind]: {
        async run() {
          started();
          await handlerReleased;
        },
      },
    });
    const id = await enqueue(kind);
    worker.wake();
    await within('the handler to start', handlerStarted);

    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    // Give stop() every chance to return early: a few turns of the event loop with the job still in flight.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(stopped, false, 'stop() returned while a job was still running');

    release();
    await within('stop() to return', stopping);
    assert.equal((await jobRow(id)).state, 'done', 'the outcome is recorded before stop() returns');

    // A stopped worker ignores wake-ups: a new job stays queued.
    const later = await enqueue(kind);
    worker.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await jobRow(later)).state, 'queued');
  });
});
