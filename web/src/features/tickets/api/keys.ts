// Query keys of the tickets feature, all under ['tickets', projectId] so one invalidation refreshes a project.
import type { TicketListQuery } from '../../../lib/api-types.ts';

export type TicketFilters = Omit<TicketListQuery, 'cursor' | 'per_page'>;

export const ticketKeys = {
  project: (projectId: number) => ['tickets', projectId] as const,
  lists: (projectId: number) => ['tickets', projectId, 'list'] as const,
  list: (projectId: number, filters: TicketFilters, cursor: string | null) => ['tickets', projectId, 'list', filters, cursor] as const,
  counts: (projectId: number, filters: TicketFilters) => ['tickets', projectId, 'counts', filters] as const,
  detail: (projectId: number, iid: number) => ['tickets', projectId, 'detail', iid] as const,
  customer: (projectId: number, email: string) => ['tickets', projectId, 'customer', email.toLowerCase()] as const,
};
