import { Fragment, type ReactNode } from 'react';
import type { Mailbox } from '../../../lib/admin-api-types.ts';
import { absoluteTime, relativeTime } from '../../../lib/relative-time.ts';
import { readableIdentity } from '../imap-url.ts';

/**
 * One mailbox as its reader last saw it: which mailbox (never the password), whose, connected or not, when
 * mail was last taken, what is left waiting, and its last error as an alert. `actions` is what the screen
 * lets the agent do with it (remove, on a project's page).
 */
export function MailboxItem({ mailbox: m, project, now, actions }: { mailbox: Mailbox; project?: ReactNode; now: number; actions?: ReactNode }) {
  const name = readableIdentity(m.identity);
  return (
    <li className="panel-item" aria-label={`Mailbox ${name}`}>
      <div className="panel-item-head">
        <span className="panel-item-name mono">{breakable(name)}</span>
        <span className={`badge ${m.connected ? 'mb-connected' : 'mb-disconnected'}`}>{m.connected ? 'Connected' : 'Not connected'}</span>
        {actions ? <span className="panel-item-actions">{actions}</span> : null}
      </div>
      <dl className="mb-facts">
        {project !== undefined ? <Fact label="Project">{project}</Fact> : null}
        <Fact label="Last mail taken">{m.last_fetch_at ? <When iso={m.last_fetch_at} now={now} /> : <span className="muted">never</span>}</Fact>
        <Fact label="Waiting">{m.backlog === 0 ? 'none' : `${m.backlog} message${m.backlog === 1 ? '' : 's'} left in the folder`}</Fact>
        <Fact label="Taken mail">{m.move_to ? `moved to ${m.move_to}` : 'marked as read'}</Fact>
      </dl>
      {m.last_error ? (
        <p role="alert" className="mb-error">
          <strong>Last error</strong>
          {m.last_error_at ? (
            <>
              {' '}
              (<When iso={m.last_error_at} now={now} />)
            </>
          ) : null}
          : {m.last_error}
        </p>
      ) : null}
    </li>
  );
}

/** Line breaks go before `@` and `/` (between user, server and folder), not in the middle of a word. */
function breakable(name: string): ReactNode[] {
  return name.split(/(?=[@/])/).map((part, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string, never reordered
    <Fragment key={i}>
      {i > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function When({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={absoluteTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}
