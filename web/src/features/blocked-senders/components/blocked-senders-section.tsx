// The "Blocked senders" section of a project's mail page (maintainers): every blocked address and domain
// with who blocked it and why, a confirmed Unblock on each, and a form to block one by hand.
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/spinner.tsx';
import type { BlockedSender } from '../../../lib/admin-api-types.ts';
import { absoluteTime, relativeTime } from '../../../lib/relative-time.ts';
import { useAddBlockedSender, useBlockedSenders, useRemoveBlockedSender } from '../api/blocked-senders.ts';
import '../blocked-senders.css';

export function BlockedSendersSection({ project }: { project: string }) {
  const list = useBlockedSenders(project);
  const remove = useRemoveBlockedSender(project);
  const entries = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="panel bs-section" aria-labelledby="blocked-senders-heading">
      <h2 id="blocked-senders-heading">Blocked senders</h2>
      <p className="muted small panel-intro">
        Mail from these addresses and domains (a domain includes its subdomains) is listed above as ignored and answered with nothing. Unblocking does not bring
        back what was ignored: replay it from the log.
      </p>
      {list.isPending ? <Loading label="Loading blocked senders…" /> : null}
      {list.error ? <ErrorMessage error={list.error} /> : null}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      {list.data && entries.length === 0 ? <p className="muted panel-empty">No one is blocked.</p> : null}
      {entries.length > 0 ? (
        <ul className="panel-list">
          {entries.map((entry) => (
            <BlockedSenderItem
              key={entry.id}
              entry={entry}
              removing={remove.isPending && remove.variables === entry.id}
              onRemove={() => remove.mutate(entry.id)}
            />
          ))}
        </ul>
      ) : null}
      {list.hasNextPage ? (
        <div>
          <button type="button" className="button small" disabled={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            {list.isFetchingNextPage ? 'Loading…' : 'Show more blocked senders'}
          </button>
        </div>
      ) : null}
      <BlockSenderForm project={project} />
    </section>
  );
}

function BlockedSenderItem({ entry, removing, onRemove }: { entry: BlockedSender; removing: boolean; onRemove: () => void }) {
  return (
    <li className="panel-item" aria-label={`Blocked ${entry.value}`}>
      <div className="panel-item-head">
        <span className="panel-item-name mono">{entry.kind === 'domain' ? `@${entry.value}` : entry.value}</span>
        <span className="badge">{entry.kind === 'domain' ? 'domain' : 'address'}</span>
        <span className="panel-item-actions">
          <ConfirmButton
            label={`Unblock ${entry.value}`}
            text="Unblock"
            confirmLabel={`Yes, unblock ${entry.value}`}
            disabled={removing}
            onConfirm={onRemove}
          />
        </span>
      </div>
      {entry.note ? <p className="bs-note">{entry.note}</p> : null}
      <p className="muted small bs-meta">
        Blocked {entry.created_by ? `by ${entry.created_by.name || entry.created_by.username} ` : ''}
        <time dateTime={entry.created_at} title={absoluteTime(entry.created_at)}>
          {relativeTime(entry.created_at)}
        </time>
      </p>
    </li>
  );
}

function BlockSenderForm({ project }: { project: string }) {
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const add = useAddBlockedSender(project);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    add.mutate(
      { value: value.trim(), note: note.trim() || null },
      {
        onSuccess: (entry) => {
          setValue('');
          setNote('');
          setAdded(entry.value);
        },
      },
    );
  };
  return (
    <form className="panel-form bs-form" onSubmit={submit} aria-label="Block a sender">
      <label className="field">
        <span>Address or domain</span>
        <input
          required
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="spam@example.com or example.com"
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label className="field">
        <span>Note</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="why (optional)" maxLength={500} autoComplete="off" />
      </label>
      <div className="panel-form-submit">
        <button type="submit" className="button danger" disabled={add.isPending}>
          Block
        </button>
        <span role="status" className="small">
          {added ? <span className="panel-ok">Blocked {added}.</span> : null}
        </span>
      </div>
      {add.error ? <ErrorMessage error={add.error} className="panel-form-error" /> : null}
    </form>
  );
}
