// Live updates for the web UI: GET /projects/:id/events, a text/event-stream of what changes in the
// project (tickets, notes, and for mail-log readers the inbound and outbound mail). Events carry ids
// only; the page refetches through the API. Who hears what: app/events/watch-project-events.ts.
import { z } from 'zod';
import { watchProjectEvents } from '../../app/events/watch-project-events.ts';
import { defineRoute } from '../route.ts';
import { streamProjectEvents } from './event-stream.ts';

const params = z.object({ id: z.string().describe('Project id or full path') });

export const eventRoutes = [
  defineRoute<{ id: string }>({
    method: 'GET',
    path: '/projects/:id/events',
    auth: 'token',
    tag: 'events',
    summary:
      'Server-sent events of the project: `ticket` {project_id, iid, action}, `note` {project_id, ticket_iid, note_id, internal}, `inbound`/`outbound` {project_id, id, state} (mail-log readers only); `: ping` every 15 s',
    params,
    status: 200,
    produces: 'event-stream',
    async handler({ ctx, auth, params, request, reply, reauthenticate }) {
      const watch = await watchProjectEvents(ctx, auth.actor, params.id);
      streamProjectEvents(request, reply, {
        bus: ctx.events,
        watch,
        // Whatever signed the request in (token or session) must still be good, and still see the project.
        recheck: async () => watchProjectEvents(ctx, (await reauthenticate()).actor, String(watch.projectId)),
      });
    },
  }),
];
