// The "Mailboxes" section of the mail log pages: every mailbox the caller may watch (the instance page) or
// one project's (its page, with connect and remove for its maintainers), polled every few seconds.
import type { ReactNode } from 'react';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/spinner.tsx';
import { useMailboxes } from '../api/list-mailboxes.ts';
import { useRemoveMailbox } from '../api/remove-mailbox.ts';
import { useNow } from '../hooks/use-now.ts';
import { readableIdentity } from '../imap-url.ts';
import { ConnectMailboxForm } from './connect-mailbox-form.tsx';
import { MailboxItem } from './mailbox-item.tsx';
import '../mailboxes.css';

/** Every mailbox the caller may watch; `projectLabel` names each one's project (null: the instance's IMAP_URL). */
export function MailboxesOverview({ projectLabel }: { projectLabel: (projectId: number | null) => ReactNode }) {
  const mailboxes = useMailboxes({});
  const now = useNow();
  return (
    <MailboxesFrame intro="The IMAP mailboxes Postdesk reads for incoming mail: the instance's (IMAP_URL) and projects' own.">
      {mailboxes.isPending ? <Loading label="Loading mailboxes…" /> : null}
      {mailboxes.error ? <ErrorMessage error={mailboxes.error} /> : null}
      {mailboxes.data?.length === 0 ? (
        <p className="muted panel-empty">
          No mailbox is read: mail arrives over SMTP, the inbound webhook or <code>postdesk ingest</code>.
        </p>
      ) : null}
      {mailboxes.data?.length ? (
        <ul className="panel-list">
          {mailboxes.data.map((m) => (
            <MailboxItem key={m.id} mailbox={m} now={now} project={projectLabel(m.project_id)} />
          ))}
        </ul>
      ) : null}
    </MailboxesFrame>
  );
}

/** One project's own mailboxes, with the form to connect another and a confirmed Remove on each. */
export function ProjectMailboxes({ project }: { project: string }) {
  const mailboxes = useMailboxes({ project });
  const remove = useRemoveMailbox(project);
  const now = useNow();
  return (
    <MailboxesFrame intro="Mailboxes this project reads over IMAP, for mail that cannot be forwarded to its address.">
      {mailboxes.isPending ? <Loading label="Loading mailboxes…" /> : null}
      {mailboxes.error ? <ErrorMessage error={mailboxes.error} /> : null}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      {mailboxes.data?.length === 0 ? <p className="muted panel-empty">This project reads no mailbox of its own.</p> : null}
      {mailboxes.data?.length ? (
        <ul className="panel-list">
          {mailboxes.data.map((m) => {
            const name = readableIdentity(m.identity);
            return (
              <MailboxItem
                key={m.id}
                mailbox={m}
                now={now}
                actions={
                  <ConfirmButton
                    label={`Remove mailbox ${name}`}
                    text="Remove"
                    confirmLabel={`Stop reading ${name}`}
                    disabled={remove.isPending && remove.variables === m.id}
                    onConfirm={() => remove.mutate(m.id)}
                  />
                }
              />
            );
          })}
        </ul>
      ) : null}
      <ConnectMailboxForm project={project} />
    </MailboxesFrame>
  );
}

function MailboxesFrame({ intro, children }: { intro: string; children: ReactNode }) {
  return (
    <section className="panel mb-section" aria-labelledby="mailboxes-heading">
      <h2 id="mailboxes-heading">Mailboxes</h2>
      <p className="muted small panel-intro">{intro}</p>
      {children}
    </section>
  );
}
