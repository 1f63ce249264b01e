// External participants of a ticket: the people a public reply is mailed to besides the customer.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { ticketKeys } from './keys.ts';

export const addParticipant = (projectId: number, iid: number, email: string) =>
  api<{ email: string }>(`/projects/${projectId}/tickets/${iid}/participants`, { method: 'POST', body: { email } });

export const removeParticipant = (projectId: number, iid: number, email: string) =>
  api<void>(`/projects/${projectId}/tickets/${iid}/participants`, { method: 'DELETE', query: { email } });

export function useAddParticipant(projectId: number, iid: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => addParticipant(projectId, iid, email),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ticketKeys.detail(projectId, iid) }),
  });
}

export function useRemoveParticipant(projectId: number, iid: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => removeParticipant(projectId, iid, email),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ticketKeys.detail(projectId, iid) }),
  });
}
