import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { ticketKeys } from './keys.ts';

export const markTicketRead = (projectId: number, iid: number) => api<void>(`/projects/${projectId}/tickets/${iid}/read`, { method: 'POST' });

/** Marks the ticket read for the caller; the queue's unread markers refresh afterwards. */
export function useMarkTicketRead(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (iid: number) => markTicketRead(projectId, iid),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.lists(projectId) }),
  });
}
