import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { useConnectMailbox } from '../api/connect-mailbox.ts';
import { imapUrlWithPassword, readableIdentity } from '../imap-url.ts';

/**
 * Connect one of the project's own mailboxes: its IMAP URL, the password in a masked field of its own
 * (`new-password`, so the browser never fills in the agent's Postdesk password), and where taken mail goes.
 */
export function ConnectMailboxForm({ project }: { project: string }) {
  const [url, setUrl] = useState('');
  const [password, setPassword] = useState('');
  const [moveTo, setMoveTo] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const connect = useConnectMailbox(project);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    connect.mutate(
      { imap_url: imapUrlWithPassword(url, password), move_to: moveTo.trim() || null },
      {
        onSuccess: (mailbox) => {
          setUrl('');
          setPassword('');
          setMoveTo('');
          setAdded(readableIdentity(mailbox.identity));
        },
      },
    );
  };

  return (
    <form className="panel-form mb-form" onSubmit={submit} aria-label="Connect a mailbox">
      <h3>Connect a mailbox</h3>
      <p className="muted small mb-form-hint">
        Postdesk reads the folder over IMAP and turns its new mail into this project's tickets. The password is stored encrypted and never shown again.
      </p>
      <label className="field">
        <span>IMAP URL</span>
        <input
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="imaps://user@imap.example.com:993/INBOX"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label className="field">
        <span>Password</span>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
      </label>
      <label className="field">
        <span>Move taken mail to</span>
        <input value={moveTo} onChange={(e) => setMoveTo(e.target.value)} placeholder="empty: mark it as read" autoComplete="off" spellCheck={false} />
      </label>
      <div className="panel-form-submit">
        <button type="submit" className="button primary" disabled={connect.isPending}>
          {connect.isPending ? 'Connecting…' : 'Connect mailbox'}
        </button>
        <span role="status" className="small">
          {added ? <span className="panel-ok">Added {added}; Postdesk connects to it within seconds.</span> : null}
        </span>
      </div>
      {connect.error ? <ErrorMessage error={connect.error} className="panel-form-error" /> : null}
    </form>
  );
}
