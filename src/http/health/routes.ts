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
    summary: 'Liveness and work to look at: the database answers (503 when not); depth and age of the job queue; dead jobs and stuck mail (status degraded)',
    status: 200,
    response: healthView,
    async handler({ ctx, reply }) {
      const result = await getHealth(ctx);
      // Only a database that does not answer makes this node unfit for traffic. A dead job or a stuck mail needs
      // a person, not a restart: a load balancer would take every node out at once, as they share the database.
      if (result.db !== 'ok') reply.code(503);
      return reply.send(result);
    },
  });

export const healthRoutes = [health('/health'), health('/api/v1/health')];
