import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvents } from '../../../lib/live-events.ts';
import { ticketKeys } from '../api/keys.ts';

/**
 * Keeps the project's ticket screens current from live events: a new or changed ticket, or a new note
 * (which moves last activity and unread), refetches the lists and counts on screen — the new ticket shows
 * up in the list itself — and the ticket it concerns.
 */
export function useLiveTickets(projectId: number | undefined) {
  const queryClient = useQueryClient();
  useLiveEvents(projectId, (event) => {
    if (!projectId) return;
    if (event.type === 'ticket') {
      queryClient.invalidateQueries({ queryKey: ticketKeys.lists(projectId) });
      queryClient.invalidateQueries({ queryKey: ['tickets', projectId, 'counts'] });
      queryClient.invalidateQueries({ queryKey: ticketKeys.detail(projectId, event.data.iid) });
    } else if (event.type === 'note') {
      queryClient.invalidateQueries({ queryKey: ticketKeys.lists(projectId) });
      queryClient.invalidateQueries({ queryKey: ticketKeys.detail(projectId, event.data.ticket_iid) });
    } else if (event.type === 'reconnect') {
      queryClient.invalidateQueries({ queryKey: ticketKeys.project(projectId) });
    }
  });
}
