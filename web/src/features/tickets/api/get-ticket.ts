import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { Ticket } from '../../../lib/api-types.ts';
import { ticketKeys } from './keys.ts';

export const getTicket = (projectId: number, iid: number) => api<Ticket>(`/projects/${projectId}/tickets/${iid}`);

export function useTicket(projectId: number, iid: number) {
  return useQuery({ queryKey: ticketKeys.detail(projectId, iid), queryFn: () => getTicket(projectId, iid) });
}
