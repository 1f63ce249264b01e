// The queue's filters live in the URL, so a filtered queue can be bookmarked, shared and restored with Back.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TicketFilters } from '../api/keys.ts';
import { type QueueFilterValues, queueFilters, queueFilterValues } from '../queue-filters-from-url.ts';

export function useQueueFilters() {
  const [params, setParams] = useSearchParams();
  const values = queueFilterValues(params);
  const key = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the serialised form of `values`
  const filters: TicketFilters = useMemo(() => queueFilters(values), [key]);

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
