import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import type { ProjectMember, TicketListItem } from '../../../lib/api-types.ts';
import { useBulkUpdateTickets } from '../api/update-ticket.ts';

type Props = { project: string; selected: TicketListItem[]; members: ProjectMember[]; onDone: () => void };

/** Close, reopen, label or assign every selected ticket (one PUT per ticket). */
export function BulkActions({ project, selected, members, onDone }: Props) {
  const bulk = useBulkUpdateTickets(project);
  const [label, setLabel] = useState('');
  const iids = selected.map((t) => t.iid);
  const byIid = new Map(selected.map((t) => [t.iid, t]));
  const run = (changes: Parameters<typeof bulk.mutate>[0]['changes']) => bulk.mutate({ iids, changes }, { onSuccess: onDone });

  const addLabel = (event: FormEvent) => {
    event.preventDefault();
    const name = label.trim();
    if (!name) return;
    run((iid) => ({ labels: [...new Set([...(byIid.get(iid)?.labels ?? []), name])] }));
    setLabel('');
  };

  return (
    <section className="bulk-bar" aria-label="Bulk actions">
      <strong>{selected.length} selected</strong>
      <button type="button" className="button" disabled={bulk.isPending} onClick={() => run(() => ({ state_event: 'close' }))}>
        Close selected
      </button>
      <button type="button" className="button" disabled={bulk.isPending} onClick={() => run(() => ({ state_event: 'reopen' }))}>
        Reopen selected
      </button>
      <form className="row" onSubmit={addLabel}>
        <input aria-label="Label to add" placeholder="Label" value={label} onChange={(e) => setLabel(e.target.value)} className="label-input" />
        <button type="submit" className="button" disabled={bulk.isPending || !label.trim()}>
          Add label
        </button>
      </form>
      <select
        aria-label="Assign selected to"
        value=""
        disabled={bulk.isPending}
        onChange={(e) => {
          const value = e.target.value;
          if (value) run(() => ({ assignee_ids: value === 'none' ? [] : [Number(value)] }));
        }}
      >
        <option value="">Assign to…</option>
        <option value="none">Nobody (unassign)</option>
        {members.map((m) => (
          <option key={m.id} value={String(m.id)}>
            {m.name}
          </option>
        ))}
      </select>
      <button type="button" className="button ghost" onClick={onDone}>
        Clear selection
      </button>
      {bulk.error ? <ErrorMessage error={bulk.error} /> : null}
    </section>
  );
}
