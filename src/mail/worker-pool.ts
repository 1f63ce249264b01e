// A small pool of worker threads that runs one task at a time each, under a time and a memory budget.
// Why: parsing and converting a hostile mail can take seconds of CPU and hundreds of MB; on the event loop
// that would freeze every request and SMTP session. A worker over its budget is terminated (the only way to
// stop synchronous code) and replaced on the next task; the task fails with a named reason.
// Workers start on first use, so a context that never parses starts none.
import { availableParallelism } from 'node:os';
import { type MessagePort, Worker, type TransferListItem } from 'node:worker_threads';

export type BudgetReason = 'timeout' | 'memory';

export class WorkerBudgetExceeded extends Error {
  constructor(
    readonly reason: BudgetReason,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerBudgetExceeded';
  }
}

export interface WorkerPoolOptions {
  /** The worker's module: a `.js` file, or a `.ts` file run through tsx (development, tests). */
  script: URL;
  /** How long one task may run once a worker has taken it. */
  timeoutMs: number;
  /** The worker's V8 heap (old generation) limit. */
  memoryMb: number;
  size?: number;
  /** How long a worker may sit idle before it ends, giving back its heap (a quiet server holds no parser). */
  idleMs?: number;
}

export interface WorkerPool {
  /** Runs one task; rejects with WorkerBudgetExceeded when it goes over budget, or with the task's own error. */
  run<T>(task: unknown, transfer?: readonly TransferListItem[]): Promise<T>;
  close(): Promise<void>;
}

interface Pending {
  task: unknown;
  transfer: readonly TransferListItem[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** What a worker answers: the task's result, or the error it threw (name and message survive the thread). */
export type WorkerAnswer = { ok: true; value: unknown } | { ok: false; name: string; message: string };

/** A worker's word that its task entered a new phase, whose time counts afresh (see `answerTasks`). */
const RESTART_CLOCK = 'restart-clock';

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const size = options.size ?? Math.min(2, availableParallelism());
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const queue: Pending[] = [];
  /** Workers that said they are listening (their first message). */
  const ready = new WeakSet<Worker>();
  const retirements = new WeakMap<Worker, NodeJS.Timeout>();
  let closed = false;

  const spawn = () => {
    const worker = startWorker(options);
    all.add(worker);
    // A worker that dies while idle leaves the pool (its error is the busy task's to report, if there is one).
    worker.on('error', () => {});
    worker.once('exit', () => {
      all.delete(worker);
      clearTimeout(retirements.get(worker));
      if (idle.includes(worker)) idle.splice(idle.indexOf(worker), 1);
    });
    return worker;
  };

  const dispatch = () => {
    while (queue.length > 0 && (idle.length > 0 || all.size < size)) {
      const worker = idle.pop();
      if (worker) clearTimeout(retirements.get(worker));
      runOn(worker ?? spawn(), queue.shift()!);
    }
  };

  const retireWhenIdle = (worker: Worker) => {
    const retirement = setTimeout(() => {
      // Out of the pool at once, so no task is handed to it while it ends.
      idle.splice(idle.indexOf(worker), 1);
      all.delete(worker);
      void worker.terminate();
    }, options.idleMs ?? 30_000);
    retirement.unref();
    retirements.set(worker, retirement);
  };

  const runOn = (worker: Worker, pending: Pending) => {
    let timer: NodeJS.Timeout | undefined;
    const armClock = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => finish(() => pending.reject(new WorkerBudgetExceeded('timeout', `took longer than ${options.timeoutMs} ms`)), false),
        options.timeoutMs,
      );
    };
    const finish = (outcome: () => void, keep: boolean) => {
      clearTimeout(timer);
      worker.off('message', onReady).off('message', onMessage).off('error', onError).off('exit', onExit);
      if (keep && !closed) {
        // An idle worker must not keep the process alive; a busy one does.
        worker.unref();
        idle.push(worker);
        retireWhenIdle(worker);
      } else {
        all.delete(worker);
        void worker.terminate();
      }
      outcome();
      dispatch();
    };
    const onMessage = (answer: WorkerAnswer | typeof RESTART_CLOCK) => {
      if (answer === RESTART_CLOCK) return armClock();
      finish(() => (answer.ok ? pending.resolve(answer.value) : pending.reject(Object.assign(new Error(answer.message), { name: answer.name }))), true);
    };
    const onError = (error: Error & { code?: string }) => {
      const overMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(() => pending.reject(overMemory ? new WorkerBudgetExceeded('memory', `needed more than ${options.memoryMb} MB of heap`) : error), false);
    };
    const onExit = (code: number) => finish(() => pending.reject(new Error(`the worker exited (code ${code})`)), false);
    // The budget counts from when the worker takes the task, not while it starts (loading its modules is not the mail's fault).
    const start = () => {
      armClock();
      worker.on('message', onMessage);
      worker.postMessage(pending.task, pending.transfer);
    };
    const onReady = () => {
      ready.add(worker);
      start();
    };
    worker.on('error', onError).on('exit', onExit);
    worker.ref();
    if (ready.has(worker)) start();
    else worker.once('message', onReady);
  };

  return {
    run<T>(task: unknown, transfer: readonly TransferListItem[] = []) {
      if (closed) return Promise.reject(new Error('the worker pool is closed'));
      return new Promise<T>((resolve, reject) => {
        queue.push({ task, transfer, resolve: resolve as (value: unknown) => void, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const worker of idle) clearTimeout(retirements.get(worker));
      for (const pending of queue.splice(0)) pending.reject(new Error('the worker pool is closed'));
      await Promise.all([...all].map((worker) => worker.terminate()));
      all.clear();
      idle.length = 0;
    },
  };
}

function startWorker(options: WorkerPoolOptions): Worker {
  // A small young generation: a parse makes short-lived garbage fast, and V8's default (up to 48 MB) let
  // each worker hold ~15 MB more, idle or busy, for no measurable speed (issue 10's memory figures).
  const resourceLimits = { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: 4 };
  if (!options.script.pathname.endsWith('.ts')) return new Worker(options.script, { resourceLimits });
  // Node 20 does not pass module hooks (tsx's, registered by bin/postdesk.js or `--import tsx`) on to workers:
  // the worker registers tsx itself before loading its TypeScript module.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(options.script.href)});`;
  return new Worker(boot, { eval: true, resourceLimits });
}

export interface TaskControl {
  /** Starts the task's time budget afresh: a task of two phases (parse, then the sender check) gets one for each. */
  restartClock(): void;
}

/** The worker's side: answers each task with its result (transferring what `transfer` lists) or the error it threw. */
export function answerTasks(
  port: MessagePort,
  handle: (task: unknown, control: TaskControl) => Promise<{ value: unknown; transfer?: TransferListItem[] }>,
): void {
  const control: TaskControl = { restartClock: () => port.postMessage(RESTART_CLOCK) };
  port.on('message', async (task: unknown) => {
    let answer: WorkerAnswer;
    let transfer: TransferListItem[] = [];
    try {
      const result = await handle(task, control);
      answer = { ok: true, value: result.value };
      transfer = result.transfer ?? [];
    } catch (error) {
      answer = error instanceof Error ? { ok: false, name: error.name, message: error.message } : { ok: false, name: 'Error', message: String(error) };
    }
    port.postMessage(answer, transfer);
  });
  // The first message says the worker is listening: the pool starts a task's clock only then.
  port.postMessage('ready');
}

/** Bytes alone in their ArrayBuffer, so transferring it moves exactly them (a pooled slice would take its neighbours). */
export function ownedBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const alone = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return alone ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
