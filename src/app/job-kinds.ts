// Every kind of background job and its retry policy, in one table. Use cases queue jobs with `queueJob`,
// which stores the kind's attempts on the row; the worker retries with backoff (jobs/backoff.ts) until they
// are spent, then the job is `dead` (shown in /health, retryable). job-handlers.ts must run every kind.
import type { Executor } from '../db/database.ts';
import { enqueueJob } from '../db/job-store.ts';

export const JOB_KINDS = {
  /** A stored inbound message through the stages. Its failures are a database down or a bug: a few tries. */
  ingest_inbound: { maxAttempts: 5 },
  /** An outbox row to its SMTP server, which may be down for a while (about four hours of backoff in all). */
  deliver_outbound: { maxAttempts: 8 },
  /** A custom address's verification mail (SD-94): tried once, as its failure is the verification's result. */
  deliver_verification_mail: { maxAttempts: 1 },
  /** SD-95/96: 30 minutes after a verification started, it fails unless its mail came back. */
  custom_email_verification_timeout: { maxAttempts: 5 },
} as const satisfies Record<string, { maxAttempts: number }>;

export type JobKind = keyof typeof JOB_KINDS;

/** Queues a job inside the caller's transaction, so it exists exactly when the change that needs it commits. */
export function queueJob(trx: Executor, kind: JobKind, payload: unknown, now: Date, runAt?: Date): Promise<number> {
  return enqueueJob(trx, { kind, payload, runAt, maxAttempts: JOB_KINDS[kind].maxAttempts }, now);
}
