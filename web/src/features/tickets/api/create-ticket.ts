import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, projectApiPath } from '../../../lib/api-client.ts';
import type { NewTicket, Ticket } from '../../../lib/api-types.ts';
import { ticketKeys } from './keys.ts';

export const createTicket = (project: string, input: NewTicket) => api<Ticket>(`${projectApiPath(project)}/tickets`, { method: 'POST', body: input });

export function useCreateTicket(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewTicket) => createTicket(project, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.project(project) }),
  });
}
