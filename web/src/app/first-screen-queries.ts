// A cold load asks at once for everything its first screen shows, before React, the router and the
// screens have even loaded (main.tsx runs this first): the session, the top bar's projects, and per
// screen the project with its tickets page, counts and members (queue), or the ticket, its notes and
// members (ticket, whose lazy chunk starts loading too: the queries do not wait for it). These are the
// screens' own query options (same keys, same fetchers), so the screens find each request in flight or
// answered. A 401 on any of them sends the agent to sign in and back to this URL (lib/api-client.ts), as
// it would from the screen.
// Must never import react-dom, the router or a screen statically: they are what this runs ahead of.
import type { QueryClient } from '@tanstack/react-query';
import { sessionQuery } from '../features/auth/api/get-session.ts';
import { notesQuery } from '../features/conversation/api/get-notes.ts';
import { membersQuery } from '../features/people/api/members.ts';
import { projectQuery } from '../features/projects/api/get-project.ts';
import { projectsQuery } from '../features/projects/api/get-projects.ts';
import { ticketCountsQuery } from '../features/tickets/api/get-ticket-counts.ts';
import { ticketQuery } from '../features/tickets/api/get-ticket.ts';
import { ticketsQuery } from '../features/tickets/api/get-tickets.ts';
import { queueFilters, queueFilterValues } from '../features/tickets/queue-filters-from-url.ts';
import { loadTicketScreen } from './routes/lazy-screens.ts';

// The two routes of router.tsx worth a head start: `projects/:path/tickets` and `projects/:path/tickets/:iid`.
const QUEUE = /^\/projects\/([^/]+)\/tickets\/?$/;
const TICKET = /^\/projects\/([^/]+)\/tickets\/(\d+)\/?$/;

/**
 * Resolves once every request started here has settled (prefetchQuery never rejects: a failure stays in the
 * cache, where the screen shows it).
 */
export function startFirstScreenQueries(queryClient: QueryClient, location: { pathname: string; search: string }): Promise<unknown> {
  const started = [queryClient.prefetchQuery(sessionQuery)];
  if (location.pathname.startsWith('/login')) return Promise.all(started);
  started.push(queryClient.prefetchQuery(projectsQuery));

  const queue = QUEUE.exec(location.pathname);
  const ticket = TICKET.exec(location.pathname);
  const project = routeParam(queue?.[1] ?? ticket?.[1]);
  if (project !== undefined) {
    started.push(queryClient.prefetchQuery(projectQuery(project)), queryClient.prefetchQuery(membersQuery(project)));
    if (queue) {
      const filters = queueFilters(queueFilterValues(new URLSearchParams(location.search)));
      started.push(queryClient.prefetchQuery(ticketsQuery(project, filters, null)), queryClient.prefetchQuery(ticketCountsQuery(project, filters)));
    } else if (ticket) {
      const iid = Number(ticket[2]);
      loadTicketScreen().catch(() => {}); // a failure shows when the screen itself asks for it
      started.push(queryClient.prefetchQuery(ticketQuery(project, iid)), queryClient.prefetchQuery(notesQuery(project, iid)));
    }
  }
  return Promise.all(started);
}

/** A path segment decoded as the router decodes `:path` (undefined when malformed: the router will say so). */
function routeParam(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
