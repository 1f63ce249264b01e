import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, projectApiPath } from '../../../lib/api-client.ts';
import type { Ticket, TicketUpdate } from '../../../lib/api-types.ts';
import { ticketKeys } from './keys.ts';

export const updateTicket = (project: string, iid: number, changes: TicketUpdate) =>
  api<Ticket>(`${projectApiPath(project)}/tickets/${iid}`, { method: 'PUT', body: changes });

export function useUpdateTicket(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ iid, changes }: { iid: number; changes: TicketUpdate }) => updateTicket(project, iid, changes),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(project, ticket.iid), (old: Ticket | undefined) => ({ ...old, ...ticket }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ticketKeys.project(project) }),
  });
}

/** The same change on several tickets (one PUT each); resolves with the iids that failed. */
export function useBulkUpdateTickets(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ iids, changes }: { iids: number[]; changes: (iid: number) => TicketUpdate }) => {
      const results = await Promise.allSettled(iids.map((iid) => updateTicket(project, iid, changes(iid))));
      const failed = iids.filter((_, i) => results[i]!.status === 'rejected');
      const firstError = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason;
      if (failed.length)
        throw Object.assign(new Error(`${failed.length} of ${iids.length} tickets were not changed: ${(firstError as Error)?.message ?? ''}`), { failed });
      return iids;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ticketKeys.project(project) }),
  });
}
