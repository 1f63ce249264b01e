// A project's blocked senders (issue 9), newest first, a keyset page at a time; adding and removing one
// (maintainers). Mail from them is recorded `ignored: blocked_sender` and answered with nothing.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiPage, projectApiPath } from '../../../lib/api-client.ts';
import type { BlockedSender, NewBlockedSender } from '../../../lib/admin-api-types.ts';

export const blockedSendersKey = ['blocked-senders'] as const;

const PER_PAGE = 50;

export const listBlockedSenders = (project: string, cursor: string | null) =>
  apiPage<BlockedSender[]>(`${projectApiPath(project)}/blocked_senders`, { query: { per_page: PER_PAGE, cursor } });

export function useBlockedSenders(project: string) {
  return useInfiniteQuery({
    queryKey: [...blockedSendersKey, project],
    queryFn: ({ pageParam }) => listBlockedSenders(project, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const addBlockedSender = (project: string, body: NewBlockedSender) =>
  api<BlockedSender>(`${projectApiPath(project)}/blocked_senders`, { method: 'POST', body });

export function useAddBlockedSender(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewBlockedSender) => addBlockedSender(project, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: blockedSendersKey }),
  });
}

export const removeBlockedSender = (project: string, id: number) => api<void>(`${projectApiPath(project)}/blocked_senders/${id}`, { method: 'DELETE' });

export function useRemoveBlockedSender(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => removeBlockedSender(project, id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: blockedSendersKey }),
  });
}
