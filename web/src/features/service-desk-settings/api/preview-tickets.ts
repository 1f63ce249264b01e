import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { TicketListItem } from '../../../lib/api-types.ts';
import { projectRef } from './get-service-desk.ts';

/** A few recent tickets to preview templates against (the preview needs a real ticket of the project). */
export const getPreviewTickets = (project: string) =>
  api<TicketListItem[]>(`/projects/${projectRef(project)}/tickets`, { query: { state: 'all', per_page: 20, order_by: 'updated_at' } });

export function usePreviewTickets(project: string) {
  return useQuery({ queryKey: ['service-desk', project, 'preview-tickets'], queryFn: () => getPreviewTickets(project), staleTime: 60_000 });
}
