import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, projectApiPath } from '../../../lib/api-client.ts';
import type { Ticket } from '../../../lib/api-types.ts';
import { ticketKeys } from './keys.ts';

export const getTicket = (project: string, iid: number) => api<Ticket>(`${projectApiPath(project)}/tickets/${iid}`);

export const ticketQuery = (project: string, iid: number) =>
  queryOptions({ queryKey: ticketKeys.detail(project, iid), queryFn: () => getTicket(project, iid) });

export function useTicket(project: string, iid: number) {
  return useQuery(ticketQuery(project, iid));
}
