import { useQuery } from '@tanstack/react-query';
import { apiPage, projectApiPath } from '../../../lib/api-client.ts';
import type { TicketListItem } from '../../../lib/api-types.ts';
import { ticketKeys } from './keys.ts';

/** The customer's tickets in this project, open or closed, newest first (`external_author`, reporter+). */
export const getCustomerTickets = (project: string, email: string) =>
  apiPage<TicketListItem[]>(`${projectApiPath(project)}/tickets`, { query: { external_author: email, state: 'all', per_page: 10 } });

export function useCustomerTickets(project: string, email: string | null) {
  return useQuery({
    queryKey: ticketKeys.customer(project, email ?? ''),
    queryFn: () => getCustomerTickets(project, email!),
    enabled: Boolean(email),
  });
}
