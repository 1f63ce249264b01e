// Mail Postdesk sent, is sending, or kept (no relay configured), newest first, a keyset page at a time.
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiPage } from '../../../lib/api-client.ts';
import type { OutboundMessage } from '../../../lib/admin-api-types.ts';
import type { MailLogScope } from './inbound-messages.ts';

export const outboundKey = ['mail-log', 'outbound'] as const;

const PER_PAGE = 30;

export const listOutboundMessages = (filter: { project?: string; to?: string }, cursor: string | null) =>
  apiPage<OutboundMessage[]>('/outbound_messages', { query: { project_id: filter.project, to: filter.to, per_page: PER_PAGE, cursor } });

export function useOutboundMessages(scope: MailLogScope, to: string | undefined) {
  return useInfiniteQuery({
    queryKey: [...outboundKey, scope.project ?? '*', to ?? ''],
    queryFn: ({ pageParam }) => listOutboundMessages({ project: scope.project, to }, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: scope.refetchInterval,
  });
}
