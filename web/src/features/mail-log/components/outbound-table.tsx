import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/spinner.tsx';
import type { OutboundMessage } from '../../../lib/admin-api-types.ts';
import { absoluteTime, relativeTime } from '../../../lib/relative-time.ts';
import type { MailLogScope } from '../api/inbound-messages.ts';
import { useOutboundMessages } from '../api/outbound-messages.ts';
import type { TicketHref } from './inbound-table.tsx';
import { MailStateBadge } from './mail-state-badge.tsx';
import { Link } from 'react-router';

export function OutboundTable({ scope, onOpen, ticketHref }: { scope: MailLogScope; onOpen: (message: OutboundMessage) => void; ticketHref: TicketHref }) {
  const messages = useOutboundMessages(scope, undefined);
  const rows = messages.data?.pages.flatMap((page) => page.items) ?? [];
  // Mail is `kept` only when no relay is configured: the whole instance is in that mode, so say it once, on top.
  const keeping = rows.some((m) => m.state === 'kept');
  return (
    <div className="stack">
      {keeping ? (
        <p className="ml-relay-banner" role="note">
          No relay is configured (OUTGOING_SMTP_URL): mail is kept here instead of being sent.
        </p>
      ) : null}
      {messages.isPending ? <Loading /> : null}
      {messages.error ? <ErrorMessage error={messages.error} /> : null}
      {messages.data && rows.length === 0 ? <p className="muted">No mail sent yet.</p> : null}
      {rows.length > 0 ? (
        <table className="ml-table" aria-label="Sent mail">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Kind</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Error</th>
              <th scope="col">Ticket</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => {
              const href = ticketHref(m.project_id, m.ticket_iid);
              return (
                <tr key={m.id}>
                  <td data-label="Created">
                    <time dateTime={m.created_at} title={absoluteTime(m.created_at)}>
                      {relativeTime(m.created_at)}
                    </time>
                  </td>
                  <td data-label="To" className="ml-addr">
                    {m.to}
                  </td>
                  <td data-label="Subject" className="ml-subject">
                    <button type="button" className="ml-open" onClick={() => onOpen(m)}>
                      {m.subject || '(no subject)'}
                    </button>
                  </td>
                  <td data-label="Kind">
                    <span className="mono small">{m.kind}</span>
                  </td>
                  <td data-label="State">
                    <MailStateBadge state={m.state} />
                  </td>
                  <td data-label="Attempts">{m.attempts}</td>
                  <td data-label="Error" className="ml-outcome">
                    {m.error ? <span className="ml-error">{m.error}</span> : null}
                  </td>
                  <td data-label="Ticket">
                    {href && m.ticket_iid ? <Link to={href}>#{m.ticket_iid}</Link> : m.ticket_iid ? `#${m.ticket_iid}` : <span className="muted">—</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {messages.hasNextPage ? (
        <div>
          <button type="button" className="button" disabled={messages.isFetchingNextPage} onClick={() => messages.fetchNextPage()}>
            {messages.isFetchingNextPage ? 'Loading…' : 'Load older mail'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
