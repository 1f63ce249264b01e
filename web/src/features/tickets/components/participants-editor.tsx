import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { useAddParticipant, useRemoveParticipant } from '../api/participants.ts';

type Props = { project: string; iid: number; participants: Array<{ email: string }>; customer: string | null };

/** The people outside the team on this ticket; a public reply is mailed to all of them. */
export function ParticipantsEditor({ project, iid, participants, customer }: Props) {
  const [email, setEmail] = useState('');
  const add = useAddParticipant(project, iid);
  const remove = useRemoveParticipant(project, iid);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (email.trim()) add.mutate(email.trim(), { onSuccess: () => setEmail('') });
  };
  const emails = participants.map((p) => p.email);
  return (
    <>
      <p className="small reply-to">
        {emails.length ? (
          <>
            A public reply will be mailed to: <strong>{emails.join(', ')}</strong>
          </>
        ) : (
          'A public reply will be mailed to nobody (no customer on this ticket).'
        )}
      </p>
      <ul className="chips" aria-label="External participants">
        {participants.map((p) => (
          <li key={p.email} className="person-chip">
            {p.email}
            {p.email.toLowerCase() === customer?.toLowerCase() ? <span className="muted small"> (customer)</span> : null}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove participant ${p.email}`}
              disabled={remove.isPending}
              onClick={() => remove.mutate(p.email)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="row side-form" onSubmit={submit}>
        <input type="email" aria-label="Add a participant" placeholder="name@example.com" value={email} onChange={(e) => setEmail(e.target.value)} />
        <button type="submit" className="button small" disabled={add.isPending || !email.trim()}>
          Add
        </button>
      </form>
      {add.error ? <ErrorMessage error={add.error} /> : null}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
    </>
  );
}
