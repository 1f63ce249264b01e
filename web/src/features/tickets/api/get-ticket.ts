import { useQuery } from '@tanstack/react-query';
import { api, projectApiPath } from '../../../lib/api-client.ts';
import type { Ticket } from '../../../lib/api-types.ts';
import { ticketKeys } from './keys.ts';

export const getTicket = (project: string, iid: number) => api<Ticket>(`${projectApiPath(project)}/tickets/${iid}`);

export function useTicket(project: string, iid: number) {
  return useQuery({ queryKey: ticketKeys.detail(project, iid), queryFn: () => getTicket(project, iid) });
}
