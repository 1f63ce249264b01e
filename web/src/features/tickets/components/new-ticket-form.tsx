import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import type { Ticket } from '../../../lib/api-types.ts';
import { useCreateTicket } from '../api/create-ticket.ts';

/** A ticket an agent opens for a phone call or a walk-in. */
export function NewTicketForm({ project, onCreated }: { project: string; onCreated: (ticket: Ticket) => void }) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [confidential, setConfidential] = useState(false);
  const create = useCreateTicket(project);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ title: title.trim(), description, confidential }, { onSuccess: onCreated });
  };
  return (
    <form className="stack" onSubmit={submit}>
      <label className="field">
        <span>Title</span>
        <input required maxLength={255} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea rows={8} value={description} onChange={(e) => setDescription(e.target.value)} placeholder="What did the customer ask for? Markdown works." />
      </label>
      <label className="check">
        <input type="checkbox" checked={confidential} onChange={(e) => setConfidential(e.target.checked)} />
        Confidential
      </label>
      <p className="notice small">
        To make it a customer's ticket (so replies are mailed to them), add a note with <code>/convert_to_ticket customer@example.com</code> once it is open.
      </p>
      {create.error ? <ErrorMessage error={create.error} /> : null}
      <div>
        <button type="submit" className="button primary" disabled={create.isPending || !title.trim()}>
          Create ticket
        </button>
      </div>
    </form>
  );
}
