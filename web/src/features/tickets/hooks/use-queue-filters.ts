// The queue's filters live in the URL (?state=closed&labels=billing&sort=activity…), so a filtered queue
// can be bookmarked, shared and restored with Back.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TicketFilters } from '../api/keys.ts';

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

export function useQueueFilters() {
  const [params, setParams] = useSearchParams();
  const values: QueueFilterValues = {
    state: (['opened', 'closed', 'all'].includes(params.get('state') ?? '') ? params.get('state') : 'opened') as QueueState,
    search: params.get('search') ?? '',
    label: params.get('label') ?? '',
    assignee: params.get('assignee') ?? '',
    confidential: (['true', 'false'].includes(params.get('confidential') ?? '') ? params.get('confidential') : '') as QueueFilterValues['confidential'],
    sort: (['newest', 'oldest', 'activity'].includes(params.get('sort') ?? '') ? params.get('sort') : 'newest') as QueueSort,
  };
  const key = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the serialised form of `values`
  const filters: TicketFilters = useMemo(
    () => ({
      state: values.state,
      search: values.search || undefined,
      labels: values.label || undefined,
      assignee_id: values.assignee === 'None' ? 'None' : values.assignee ? Number(values.assignee) : undefined,
      confidential: values.confidential || undefined,
      ...SORTS[values.sort],
    }),
    [key],
  );

  const set = (changes: Partial<QueueFilterValues>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      const isDefault = value === '' || (name === 'state' && value === 'opened') || (name === 'sort' && value === 'newest');
      if (isDefault) next.delete(name);
      else next.set(name, String(value));
    }
    setParams(next, { replace: true });
  };

  return { values, filters, set, key };
}
