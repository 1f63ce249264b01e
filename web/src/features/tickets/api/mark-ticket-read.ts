import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, projectApiPath } from '../../../lib/api-client.ts';
import { ticketKeys } from './keys.ts';

export const markTicketRead = (project: string, iid: number) => api<void>(`${projectApiPath(project)}/tickets/${iid}/read`, { method: 'POST' });

/** Marks the ticket read for the caller; the queue's unread markers refresh afterwards. */
export function useMarkTicketRead(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (iid: number) => markTicketRead(project, iid),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.lists(project) }),
  });
}
