import { useQuery } from '@tanstack/react-query';
import { apiPage } from '../../../lib/api-client.ts';
import type { TicketListItem } from '../../../lib/api-types.ts';
import { ticketKeys } from './keys.ts';

/** The customer's tickets in this project, open or closed, newest first (`external_author`, reporter+). */
export const getCustomerTickets = (projectId: number, email: string) =>
  apiPage<TicketListItem[]>(`/projects/${projectId}/tickets`, { query: { external_author: email, state: 'all', per_page: 10 } });

export function useCustomerTickets(projectId: number, email: string | null) {
  return useQuery({
    queryKey: ticketKeys.customer(projectId, email ?? ''),
    queryFn: () => getCustomerTickets(projectId, email!),
    enabled: Boolean(email),
  });
}
