// Which code runs each kind of job: composition, like context.ts, so jobs/ need not know mail/.
import { expireVerification, VERIFICATION_TIMEOUT_JOB } from './app/custom-email/verification.ts';
import type { Context } from './context.ts';
import { deliverJobHandler, DELIVER_JOB } from './mail/outbound/deliver-job.ts';
import { ingestJobHandler, INGEST_JOB } from './mail/inbound/ingest-job.ts';
import type { JobHandlers } from './jobs/job-handler.ts';
import { startWorker, type Worker, type WorkerOptions } from './jobs/worker.ts';

export function jobHandlers(ctx: Context, options: { deliveryTimeoutMs?: number } = {}): JobHandlers {
  return {
    [INGEST_JOB]: ingestJobHandler(ctx),
    [DELIVER_JOB]: deliverJobHandler(ctx, { timeoutMs: options.deliveryTimeoutMs }),
    // SD-95/96: 30 minutes after a verification started, it fails unless its mail came back.
    [VERIFICATION_TIMEOUT_JOB]: {
      maxAttempts: 5,
      async run(payload) {
        const { projectId, startedAt } = payload as { projectId: number; startedAt: string };
        await expireVerification(ctx, projectId, startedAt);
      },
    },
  };
}

/** A worker for this context's handlers, woken by every local commit that enqueues a job. */
export function startContextWorker(ctx: Context, options: Partial<WorkerOptions> & { deliveryTimeoutMs?: number } = {}): Worker {
  const worker = startWorker({ db: ctx.db, handlers: jobHandlers(ctx, options), clock: ctx.clock, logger: ctx.logger.child({ part: 'worker' }), ...options });
  const unsubscribe = ctx.jobBell.subscribe(() => worker.wake());
  return {
    ...worker,
    stop: () => {
      unsubscribe();
      return worker.stop();
    },
  };
}
