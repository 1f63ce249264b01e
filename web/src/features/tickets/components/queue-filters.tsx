import { type FormEvent, type RefObject, useEffect, useState } from 'react';
import type { ProjectMember, TicketCounts } from '../../../lib/api-types.ts';
import { type CountedState, countLabel } from '../count-label.ts';
import type { QueueFilterValues } from '../queue-filters-from-url.ts';

type Props = {
  values: QueueFilterValues;
  counts: TicketCounts | undefined;
  members: ProjectMember[];
  onChange: (changes: Partial<QueueFilterValues>) => void;
  searchRef: RefObject<HTMLInputElement | null>;
};

const STATES: Array<[QueueFilterValues['state'], string, CountedState]> = [
  ['opened', 'Open', 'opened'],
  ['closed', 'Closed', 'closed'],
  ['all', 'All', 'all'],
];

/** State tabs with counts, search, and the label / assignee / confidential / sort filters. */
export function QueueFilters({ values, counts, members, onChange, searchRef }: Props) {
  const [search, setSearch] = useState(values.search);
  const [label, setLabel] = useState(values.label);
  useEffect(() => setSearch(values.search), [values.search]);
  useEffect(() => setLabel(values.label), [values.label]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ search: search.trim(), label: label.trim() });
  };

  return (
    <div className="queue-filters">
      <fieldset className="state-tabs">
        <legend className="visually-hidden">Ticket state</legend>
        {STATES.map(([state, name, countKey]) => (
          <button key={state} type="button" className="state-tab" aria-pressed={values.state === state} onClick={() => onChange({ state })}>
            {name}
            {counts ? <span className="count">{countLabel(counts, countKey)}</span> : null}
          </button>
        ))}
      </fieldset>
      <form className="filter-form" aria-label="Filter tickets" onSubmit={submit}>
        <input
          ref={searchRef}
          type="search"
          className="search-input"
          aria-label="Search tickets"
          placeholder="Search… ( / )"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onBlur={() => search.trim() !== values.search && onChange({ search: search.trim() })}
        />
        <input
          aria-label="Filter by label"
          placeholder="Label"
          className="label-input"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          onBlur={() => label.trim() !== values.label && onChange({ label: label.trim() })}
        />
        <select aria-label="Filter by assignee" value={values.assignee} onChange={(e) => onChange({ assignee: e.target.value })}>
          <option value="">Any assignee</option>
          <option value="None">Unassigned</option>
          {members.map((m) => (
            <option key={m.id} value={String(m.id)}>
              {m.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by confidentiality"
          value={values.confidential}
          onChange={(e) => onChange({ confidential: e.target.value as QueueFilterValues['confidential'] })}
        >
          <option value="">Confidential or not</option>
          <option value="true">Confidential only</option>
          <option value="false">Not confidential</option>
        </select>
        <select aria-label="Sort" value={values.sort} onChange={(e) => onChange({ sort: e.target.value as QueueFilterValues['sort'] })}>
          <option value="newest">Newest first</option>
          <option value="activity">Last activity</option>
          <option value="oldest">Oldest first</option>
        </select>
        <button type="submit" className="visually-hidden">
          Apply filters
        </button>
      </form>
    </div>
  );
}
