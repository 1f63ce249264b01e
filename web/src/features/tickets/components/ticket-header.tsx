import type { Ticket } from '../../../lib/api-types.ts';
import { absoluteTime, relativeTime } from '../../../lib/relative-time.ts';

export function TicketHeader({ ticket }: { ticket: Ticket }) {
  return (
    <header className="ticket-header">
      <h1>
        <span className="muted mono">#{ticket.iid}</span> {ticket.title}
      </h1>
      <div className="row">
        <span className={`badge ${ticket.state === 'opened' ? 'open' : 'closed'}`}>{ticket.state === 'opened' ? 'Open' : 'Closed'}</span>
        {ticket.confidential ? <span className="badge confidential">Confidential</span> : null}
        <span className="muted small">
          {ticket.external_author ? `From ${ticket.external_author}` : `Opened by ${ticket.author.name}`} ·{' '}
          <time dateTime={ticket.created_at} title={absoluteTime(ticket.created_at)}>
            {relativeTime(ticket.created_at)}
          </time>
        </span>
      </div>
    </header>
  );
}
