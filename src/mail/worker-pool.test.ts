// The worker pool with a real worker thread (test/helpers/echo-worker.ts, loaded through tsx as in development).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkerPool, WorkerBudgetExceeded } from './worker-pool.ts';

const ECHO = new URL('../../test/helpers/echo-worker.ts', import.meta.url);
const pool = (options: { timeoutMs?: number; idleMs?: number } = {}) =>
  createWorkerPool({ script: ECHO, timeoutMs: options.timeoutMs ?? 10_000, memoryMb: 64, size: 1, idleMs: options.idleMs });

describe('worker pool', () => {
  it('runs tasks one after another on the same worker, and passes on a task’s error by name and message', async () => {
    const workers = pool();
    try {
      const first = await workers.run<number>({ kind: 'echo' });
      assert.equal(await workers.run<number>({ kind: 'echo' }), first, 'the worker is reused');
      await assert.rejects(workers.run({ kind: 'throw' }), { name: 'RangeError', message: 'asked to throw' });
      assert.equal(await workers.run<number>({ kind: 'echo' }), first, 'a thrown error does not cost the worker');
    } finally {
      await workers.close();
    }
  });

  it('ends a task over its time budget, and runs the next on a fresh worker', async () => {
    const workers = pool({ timeoutMs: 300 });
    try {
      const first = await workers.run<number>({ kind: 'echo' });
      await assert.rejects(workers.run({ kind: 'spin' }), (error) => error instanceof WorkerBudgetExceeded && error.reason === 'timeout');
      assert.notEqual(await workers.run<number>({ kind: 'echo' }), first, 'the spinning worker was replaced');
    } finally {
      await workers.close();
    }
  });

  it('gives each phase of a task its own time budget when the worker restarts the clock, and still ends a phase over it', async () => {
    const workers = pool({ timeoutMs: 400 });
    try {
      // 2 × 250 ms: over one budget in all, within it per phase.
      assert.equal(typeof (await workers.run<number>({ kind: 'two-phases', ms: 250 })), 'number', 'both phases ran');
      await assert.rejects(workers.run({ kind: 'two-phases', ms: 600 }), (error) => error instanceof WorkerBudgetExceeded && error.reason === 'timeout');
    } finally {
      await workers.close();
    }
  });

  it('ends a worker that sat idle, and starts another for the next task', async () => {
    const workers = pool({ idleMs: 50 });
    try {
      const first = await workers.run<number>({ kind: 'echo' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.notEqual(await workers.run<number>({ kind: 'echo' }), first, 'a new worker answered');
    } finally {
      await workers.close();
    }
  });
});
