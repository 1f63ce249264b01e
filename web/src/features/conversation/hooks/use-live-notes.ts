import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvents } from '../../../lib/live-events.ts';
import { conversationKeys } from '../api/keys.ts';

/** New notes (and system notes from changes to the ticket) appear in the open thread without a reload. */
export function useLiveNotes(project: string, iid: number) {
  const queryClient = useQueryClient();
  useLiveEvents(project, (event) => {
    const concerned =
      (event.type === 'note' && event.data.ticket_iid === iid) || (event.type === 'ticket' && event.data.iid === iid) || event.type === 'reconnect';
    if (concerned) queryClient.invalidateQueries({ queryKey: conversationKeys.notes(project, iid) });
  });
}
