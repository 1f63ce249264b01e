// Received mail and its outcome, newest first, a keyset page at a time (admins; maintainers per project).
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiPage } from '../../../lib/api-client.ts';
import type { InboundMessage, InboundState } from '../../../lib/admin-api-types.ts';

export type MailLogScope = { project?: string; refetchInterval?: number };

export const inboundKey = ['mail-log', 'inbound'] as const;

const PER_PAGE = 30;

export const listInboundMessages = (filter: { project?: string; state?: InboundState }, cursor: string | null) =>
  apiPage<InboundMessage[]>('/inbound_messages', { query: { project_id: filter.project, state: filter.state, per_page: PER_PAGE, cursor } });

export function useInboundMessages(scope: MailLogScope, state: InboundState | undefined) {
  return useInfiniteQuery({
    queryKey: [...inboundKey, scope.project ?? '*', state ?? 'all'],
    queryFn: ({ pageParam }) => listInboundMessages({ project: scope.project, state }, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: scope.refetchInterval,
  });
}

export const replayInboundMessage = (id: number) => api<InboundMessage>(`/inbound_messages/${id}/replay`, { method: 'POST' });

export function useReplayInboundMessage() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: replayInboundMessage, onSettled: () => queryClient.invalidateQueries({ queryKey: inboundKey }) });
}
