// What a kind of job does. Handlers must be idempotent: a job whose worker died mid-run runs again.
import type { JobRow } from '../db/schema/jobs.ts';

export interface JobHandler {
  run(payload: unknown, job: JobRow): Promise<void>;
}

/** Thrown by a handler when trying again cannot help (bad payload, permanent SMTP refusal): straight to `dead`. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export type JobHandlers = Record<string, JobHandler>;
