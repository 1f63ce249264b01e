import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, projectApiPath } from '../../../lib/api-client.ts';
import type { TicketCounts } from '../../../lib/api-types.ts';
import { type TicketFilters, ticketKeys } from './keys.ts';

/** Open / closed / all counts for the queue's filters (state, cursor and paging do not apply). */
export const getTicketCounts = (project: string, filters: TicketFilters) => {
  const { state: _state, order_by: _order, sort: _sort, ...rest } = filters;
  return api<TicketCounts>(`${projectApiPath(project)}/ticket_counts`, { query: rest });
};

export const ticketCountsQuery = (project: string, filters: TicketFilters) => {
  const { state: _state, order_by: _order, sort: _sort, ...rest } = filters;
  return queryOptions({
    queryKey: ticketKeys.counts(project, rest),
    queryFn: () => getTicketCounts(project, rest),
    // Counts are a nicety: a server without the endpoint yet must not break the queue.
    retry: false,
  });
};

export function useTicketCounts(project: string, filters: TicketFilters) {
  return useQuery(ticketCountsQuery(project, filters));
}
