import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvents } from '../../../lib/live-events.ts';
import { inboundKey } from '../api/inbound-messages.ts';
import { outboundKey } from '../api/outbound-messages.ts';

/**
 * Keeps a project's mail log current from its live events (`inbound`/`outbound` carry ids only: the
 * lists are refetched). After a reconnect both are refetched, for what happened while the stream was down.
 */
export function useMailLogLive(project: string | undefined) {
  const queryClient = useQueryClient();
  useLiveEvents(project, (event) => {
    if (event.type === 'inbound' || event.type === 'reconnect') queryClient.invalidateQueries({ queryKey: inboundKey });
    if (event.type === 'outbound' || event.type === 'reconnect') queryClient.invalidateQueries({ queryKey: outboundKey });
  });
}
