// "Block sender" on a received message: asks first, in a dialog that offers the From alone or its whole
// domain, with an optional note. Only one dialog exists at a time (it is made when opened), so the table's
// rows never repeat its ids.
import { type FormEvent, useState } from 'react';
import { Dialog } from '../../../components/dialog.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import type { InboundMessage } from '../../../lib/admin-api-types.ts';
import { useBlockMessageSender } from '../api/block-message-sender.ts';
import '../blocked-senders.css';

export function BlockSenderButton({ message }: { message: InboundMessage }) {
  const [open, setOpen] = useState(false);
  const [blocked, setBlocked] = useState<string | null>(null);
  const from = message.from;
  if (!from || message.project_id === null) return null;
  if (blocked) {
    return (
      <span role="status" className="small muted">
        Blocked {blocked}
      </span>
    );
  }
  return (
    <>
      <button type="button" className="button small" aria-label={`Block sender ${from}`} onClick={() => setOpen(true)}>
        Block sender
      </button>
      {open ? <BlockSenderDialog messageId={message.id} from={from} onClose={() => setOpen(false)} onBlocked={setBlocked} /> : null}
    </>
  );
}

function BlockSenderDialog({
  messageId,
  from,
  onClose,
  onBlocked,
}: {
  messageId: number;
  from: string;
  onClose: () => void;
  onBlocked: (value: string) => void;
}) {
  const [scope, setScope] = useState<'address' | 'domain'>('address');
  const [note, setNote] = useState('');
  const block = useBlockMessageSender();
  const domain = from.slice(from.lastIndexOf('@') + 1).toLowerCase();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    block.mutate({ messageId, scope, note: note.trim() || null }, { onSuccess: (entry) => onBlocked(entry.value) });
  };
  return (
    <Dialog title="Block sender" open onClose={onClose}>
      <form className="stack bs-dialog-body" onSubmit={submit} aria-label="Block sender">
        <p className="small">Their mail to this project will be kept in the log as ignored, and nobody will be mailed: no ticket, no reply.</p>
        <fieldset className="bs-scope">
          <legend>Block</legend>
          <label className="check">
            <input type="radio" name="block-scope" checked={scope === 'address'} onChange={() => setScope('address')} />
            <span>
              Only <span className="mono">{from}</span>
            </span>
          </label>
          <label className="check">
            <input type="radio" name="block-scope" checked={scope === 'domain'} onChange={() => setScope('domain')} />
            <span>
              Everyone at <span className="mono">{domain}</span> and its subdomains
            </span>
          </label>
        </fieldset>
        <label className="field">
          <span>Note</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="why (optional)" maxLength={500} autoComplete="off" />
        </label>
        {block.error ? <ErrorMessage error={block.error} /> : null}
        <div className="row bs-dialog-buttons">
          <button type="submit" className="button danger" disabled={block.isPending}>
            {scope === 'domain' ? `Block ${domain}` : `Block ${from}`}
          </button>
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
