import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiPage } from '../../../lib/api-client.ts';
import type { TicketListItem } from '../../../lib/api-types.ts';
import { type TicketFilters, ticketKeys } from './keys.ts';

export const QUEUE_PAGE_SIZE = 25;

export const getTickets = (projectId: number, filters: TicketFilters, cursor: string | null, perPage = QUEUE_PAGE_SIZE) =>
  apiPage<TicketListItem[]>(`/projects/${projectId}/tickets`, { query: { ...filters, cursor, per_page: perPage } });

/** One page of the queue (keyset paging: `cursor` comes from the previous page's X-Next-Cursor). */
export function useTickets(projectId: number, filters: TicketFilters, cursor: string | null) {
  return useQuery({
    queryKey: ticketKeys.list(projectId, filters, cursor),
    queryFn: () => getTickets(projectId, filters, cursor),
    placeholderData: keepPreviousData,
  });
}
