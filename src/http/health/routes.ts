import { z } from 'zod';
import { getHealth } from '../../app/instance/get-health.ts';
import { defineRoute } from '../route.ts';

const healthView = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'error']),
  queue: z.object({ depth: z.number(), oldest_age_s: z.number(), dead: z.number() }).nullable(),
  inbound: z.object({ stuck: z.number(), oldest_stuck_age_s: z.number() }).nullable(),
});

const health = (path: string) =>
  defineRoute<undefined, undefined, undefined, 'public'>({
    method: 'GET',
    path,
    auth: 'public',
    tag: 'instance',
    summary: 'Liveness: the database answers; depth and age of the job queue; dead jobs and stuck mail (503 when degraded)',
    status: 200,
    response: healthView,
    async handler({ ctx, reply }) {
      const result = await getHealth(ctx);
      if (result.status !== 'ok') reply.code(503);
      return reply.send(result);
    },
  });

export const healthRoutes = [health('/health'), health('/api/v1/health')];
