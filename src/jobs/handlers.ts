// Which code runs each kind of job. The mail loop adds its kinds here (ingest, deliver).
import type { Context } from '../context.ts';
import type { JobHandlers } from './job-handler.ts';

export function jobHandlers(_ctx: Context): JobHandlers {
  return {};
}
