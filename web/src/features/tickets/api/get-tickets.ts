import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiPage, projectApiPath } from '../../../lib/api-client.ts';
import type { TicketListItem } from '../../../lib/api-types.ts';
import { type TicketFilters, ticketKeys } from './keys.ts';

export const QUEUE_PAGE_SIZE = 25;

export const getTickets = (project: string, filters: TicketFilters, cursor: string | null, perPage = QUEUE_PAGE_SIZE) =>
  apiPage<TicketListItem[]>(`${projectApiPath(project)}/tickets`, { query: { ...filters, cursor, per_page: perPage } });

export const ticketsQuery = (project: string, filters: TicketFilters, cursor: string | null) =>
  queryOptions({ queryKey: ticketKeys.list(project, filters, cursor), queryFn: () => getTickets(project, filters, cursor) });

/** One page of the queue (keyset paging: `cursor` comes from the previous page's X-Next-Cursor). */
export function useTickets(project: string, filters: TicketFilters, cursor: string | null) {
  return useQuery({ ...ticketsQuery(project, filters, cursor), placeholderData: keepPreviousData });
}
