import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvents } from '../../../lib/live-events.ts';
import { ticketKeys } from '../api/keys.ts';

/**
 * Keeps the project's ticket screens current from live events: a new or changed ticket, or a new note
 * (which moves last activity and unread), refetches the lists and counts on screen — the new ticket shows
 * up in the list itself — and the ticket it concerns.
 */
export function useLiveTickets(project: string | undefined) {
  const queryClient = useQueryClient();
  useLiveEvents(project, (event) => {
    if (!project) return;
    if (event.type === 'ticket') {
      queryClient.invalidateQueries({ queryKey: ticketKeys.lists(project) });
      queryClient.invalidateQueries({ queryKey: ['tickets', project, 'counts'] });
      queryClient.invalidateQueries({ queryKey: ticketKeys.detail(project, event.data.iid) });
    } else if (event.type === 'note') {
      queryClient.invalidateQueries({ queryKey: ticketKeys.lists(project) });
      queryClient.invalidateQueries({ queryKey: ticketKeys.detail(project, event.data.ticket_iid) });
    } else if (event.type === 'reconnect') {
      queryClient.invalidateQueries({ queryKey: ticketKeys.project(project) });
    }
  });
}
