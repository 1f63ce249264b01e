// Which code runs each kind of job: composition, like context.ts, so jobs/ need not know mail/. Every kind
// of app/job-kinds.ts has its handler here (the type says so); its retry policy lives there.
import { expireVerification } from './app/custom-email/verification.ts';
import type { JobKind } from './app/job-kinds.ts';
import type { Context } from './context.ts';
import { deliverJobHandler } from './mail/outbound/deliver-job.ts';
import { ingestJobHandler } from './mail/inbound/ingest-job.ts';
import type { JobHandler, JobHandlers } from './jobs/job-handler.ts';
import { startWorker, type Worker, type WorkerOptions } from './jobs/worker.ts';

export function jobHandlers(ctx: Context, options: { deliveryTimeoutMs?: number } = {}): JobHandlers {
  const deliver = deliverJobHandler(ctx, { timeoutMs: options.deliveryTimeoutMs });
  const handlers: Record<JobKind, JobHandler> = {
    ingest_inbound: ingestJobHandler(ctx),
    deliver_outbound: deliver,
    deliver_verification_mail: deliver,
    custom_email_verification_timeout: {
      async run(payload) {
        const { projectId, startedAt } = payload as { projectId: number; startedAt: string };
        await expireVerification(ctx, projectId, startedAt);
      },
    },
  };
  return handlers;
}
/**
 * Ingest jobs spend their time waiting on the parsing threads (two at most), so a few at once keep them busy,
 * and each holds a whole raw message in memory; deliveries spend theirs waiting on a relay, and each of them
 * in flight is one more mail on its way. So ingest has slots of its own, and the other kinds more, together.
 */
const INGEST_SLOTS = 4;
const OTHER_SLOTS = 12;

/** A worker for this context's handlers, woken by every local commit that enqueues a job. */
export function startContextWorker(ctx: Context, options: Partial<WorkerOptions> & { deliveryTimeoutMs?: number } = {}): Worker {
  const worker = startWorker({
    db: ctx.db,
    handlers: jobHandlers(ctx, options),
    clock: ctx.clock,
    logger: ctx.logger.child({ part: 'worker' }),
    ownSlots: [{ kinds: ['ingest_inbound'], concurrency: INGEST_SLOTS }],
    concurrency: OTHER_SLOTS,
    ...options,
  });
  const unsubscribe = ctx.jobBell.subscribe(() => worker.wake());
  return {
    ...worker,
    stop: () => {
      unsubscribe();
      return worker.stop();
    },
  };
}
