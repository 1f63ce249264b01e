// A worker for the pool's own tests (src/mail/worker-pool.test.ts): answers with its thread id, throws, or spins.
import { parentPort, threadId } from 'node:worker_threads';
import { answerTasks } from '../../src/mail/worker-pool.ts';

answerTasks(parentPort!, async (task) => {
  const { kind } = task as { kind: 'echo' | 'throw' | 'spin' };
  if (kind === 'throw') throw new RangeError('asked to throw');
  if (kind === 'spin') for (;;);
  return { value: threadId };
});
