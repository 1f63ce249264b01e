// "Block sender" on a received message: its From, or the From's whole domain, joins its project's list.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { BlockedSender, BlockMessageSender } from '../../../lib/admin-api-types.ts';
import { blockedSendersKey } from './blocked-senders.ts';

export const blockMessageSender = (messageId: number, body: BlockMessageSender) =>
  api<BlockedSender>(`/inbound_messages/${messageId}/block_sender`, { method: 'POST', body });

export function useBlockMessageSender() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ messageId, ...body }: BlockMessageSender & { messageId: number }) => blockMessageSender(messageId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: blockedSendersKey }),
  });
}
