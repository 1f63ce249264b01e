// A worker for the pool's own tests (src/mail/worker-pool.test.ts): answers with its thread id, throws, spins,
// or waits in two phases of `ms` each, restarting the task's clock between them.
import { parentPort, threadId } from 'node:worker_threads';
import { answerTasks } from '../../src/mail/worker-pool.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

answerTasks(parentPort!, async (task, { restartClock }) => {
  const { kind, ms = 0 } = task as { kind: 'echo' | 'throw' | 'spin' | 'two-phases'; ms?: number };
  if (kind === 'throw') throw new RangeError('asked to throw');
  if (kind === 'spin') for (;;);
  if (kind === 'two-phases') {
    await sleep(ms);
    restartClock();
    await sleep(ms);
  }
  return { value: threadId };
});
