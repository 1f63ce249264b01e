// A project stops reading a mailbox (maintainers); the mail already taken stays.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, projectApiPath } from '../../../lib/api-client.ts';
import { mailboxesKey } from './list-mailboxes.ts';

export const removeMailbox = (project: string, id: number) => api<void>(`${projectApiPath(project)}/mailboxes/${id}`, { method: 'DELETE' });

export function useRemoveMailbox(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => removeMailbox(project, id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: mailboxesKey }),
  });
}
