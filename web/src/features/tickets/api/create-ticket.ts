import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { NewTicket, Ticket } from '../../../lib/api-types.ts';
import { ticketKeys } from './keys.ts';

export const createTicket = (projectId: number, input: NewTicket) => api<Ticket>(`/projects/${projectId}/tickets`, { method: 'POST', body: input });

export function useCreateTicket(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewTicket) => createTicket(projectId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.project(projectId) }),
  });
}
