// Query keys of the tickets feature, all under ['tickets', project] so one invalidation refreshes a project.
// `project` is the project's path as the page's URL names it (never its numeric id): a cold load starts
// these queries before the project itself has answered, and every screen and mutation keys them the same.
import type { TicketListQuery } from '../../../lib/api-types.ts';

export type TicketFilters = Omit<TicketListQuery, 'cursor' | 'per_page'>;

export const ticketKeys = {
  project: (project: string) => ['tickets', project] as const,
  lists: (project: string) => ['tickets', project, 'list'] as const,
  list: (project: string, filters: TicketFilters, cursor: string | null) => ['tickets', project, 'list', filters, cursor] as const,
  counts: (project: string, filters: TicketFilters) => ['tickets', project, 'counts', filters] as const,
  detail: (project: string, iid: number) => ['tickets', project, 'detail', iid] as const,
  customer: (project: string, email: string) => ['tickets', project, 'customer', email.toLowerCase()] as const,
};
