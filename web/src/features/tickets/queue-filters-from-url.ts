// The queue's filters as the URL states them (?state=closed&labels=billing&sort=activity…): what the filter
// controls show, and the list query they make. Pure, so a cold load can ask for the list before React and
// the router have loaded (app/first-screen-queries.ts) with the very key the queue then uses.
import type { TicketFilters } from './api/keys.ts';

export type QueueSort = 'newest' | 'oldest' | 'activity';
export type QueueState = 'opened' | 'closed' | 'all';

export type QueueFilterValues = {
  state: QueueState;
  search: string;
  label: string;
  assignee: string; // '' anyone, 'None' unassigned, or a user id
  confidential: '' | 'true' | 'false';
  sort: QueueSort;
};

const SORTS: Record<QueueSort, Pick<TicketFilters, 'order_by' | 'sort'>> = {
  newest: { order_by: 'created_at', sort: 'desc' },
  oldest: { order_by: 'created_at', sort: 'asc' },
  activity: { order_by: 'updated_at', sort: 'desc' },
};

const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

export function queueFilterValues(params: URLSearchParams): QueueFilterValues {
  return {
    state: oneOf(params.get('state'), ['opened', 'closed', 'all'], 'opened'),
    search: params.get('search') ?? '',
    label: params.get('label') ?? '',
    assignee: params.get('assignee') ?? '',
    confidential: oneOf(params.get('confidential'), ['true', 'false', ''], ''),
    sort: oneOf(params.get('sort'), ['newest', 'oldest', 'activity'], 'newest'),
  };
}

export function queueFilters(values: QueueFilterValues): TicketFilters {
  return {
    state: values.state,
    search: values.search || undefined,
    labels: values.label || undefined,
    assignee_id: values.assignee === 'None' ? 'None' : values.assignee ? Number(values.assignee) : undefined,
    confidential: values.confidential || undefined,
    ...SORTS[values.sort],
  };
}
