// External participants of a ticket: the people a public reply is mailed to besides the customer.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, projectApiPath } from '../../../lib/api-client.ts';
import { ticketKeys } from './keys.ts';

export const addParticipant = (project: string, iid: number, email: string) =>
  api<{ email: string }>(`${projectApiPath(project)}/tickets/${iid}/participants`, { method: 'POST', body: { email } });

export const removeParticipant = (project: string, iid: number, email: string) =>
  api<void>(`${projectApiPath(project)}/tickets/${iid}/participants`, { method: 'DELETE', query: { email } });

export function useAddParticipant(project: string, iid: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => addParticipant(project, iid, email),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ticketKeys.detail(project, iid) }),
  });
}

export function useRemoveParticipant(project: string, iid: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => removeParticipant(project, iid, email),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ticketKeys.detail(project, iid) }),
  });
}
