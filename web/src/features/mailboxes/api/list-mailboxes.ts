// The IMAP mailboxes read for incoming mail and their readers' state: every one the caller may watch
// (`/mailboxes`: admins all, maintainers their projects'), or one project's (maintainers). There are no
// mailbox events, so the list polls: a reader's state (connected, last error) changes without any request.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, projectApiPath } from '../../../lib/api-client.ts';
import type { Mailbox } from '../../../lib/admin-api-types.ts';

export type MailboxScope = { project?: string };

export const MAILBOX_POLL_MS = 5_000;

export const mailboxesKey = ['mailboxes'] as const;

export const listMailboxes = (scope: MailboxScope) => api<Mailbox[]>(scope.project ? `${projectApiPath(scope.project)}/mailboxes` : '/mailboxes');

export const mailboxesQuery = (scope: MailboxScope) =>
  queryOptions({ queryKey: [...mailboxesKey, scope.project ?? '*'], queryFn: () => listMailboxes(scope), refetchInterval: MAILBOX_POLL_MS });

export function useMailboxes(scope: MailboxScope) {
  return useQuery(mailboxesQuery(scope));
}
