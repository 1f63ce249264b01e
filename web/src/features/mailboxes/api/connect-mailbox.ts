// A project starts reading one of its own mailboxes (maintainers). The answer carries no password.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, projectApiPath } from '../../../lib/api-client.ts';
import type { Mailbox, NewMailbox } from '../../../lib/admin-api-types.ts';
import { mailboxesKey } from './list-mailboxes.ts';

export const connectMailbox = (project: string, input: NewMailbox) => api<Mailbox>(`${projectApiPath(project)}/mailboxes`, { method: 'POST', body: input });

export function useConnectMailbox(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewMailbox) => connectMailbox(project, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailboxesKey }),
  });
}
