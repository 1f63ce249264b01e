import { Link } from 'react-router';
import type { TicketListItem } from '../../../lib/api-types.ts';
import { absoluteTime, relativeTime } from '../../../lib/relative-time.ts';
import { Initials } from './initials.tsx';

type Props = {
  ticket: TicketListItem;
  href: string;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  showState: boolean;
  linkRef?: (element: HTMLAnchorElement | null) => void;
};

/** One ticket in the queue: what an agent needs to pick the next one to work on. */
export function QueueRow({ ticket, href, selected, onSelect, showState, linkRef }: Props) {
  const activity = ticket.last_activity_at ?? ticket.updated_at;
  const unread = ticket.unread === true;
  return (
    <li className={`queue-row${unread ? ' unread' : ''}${selected ? ' selected' : ''}`}>
      <input
        type="checkbox"
        className="queue-check"
        aria-label={`Select #${ticket.iid} ${ticket.title}`}
        checked={selected}
        onChange={(e) => onSelect(e.target.checked)}
      />
      <span className="unread-dot" title={unread ? 'Unread' : undefined} aria-hidden="true" />
      <div className="queue-main">
        <div className="queue-line">
          <Link to={href} ref={linkRef} className="queue-title">
            {ticket.title}
            {unread ? <span className="visually-hidden"> (unread)</span> : null}
          </Link>
          {ticket.confidential ? <span className="badge confidential">Confidential</span> : null}
          {showState ? <span className={`badge ${ticket.state === 'opened' ? 'open' : 'closed'}`}>{ticket.state === 'opened' ? 'Open' : 'Closed'}</span> : null}
          {ticket.labels.map((label) => (
            <span key={label} className="label-chip">
              {label}
            </span>
          ))}
        </div>
        <div className="queue-meta muted">
          <span className="mono">#{ticket.iid}</span>
          <span className="queue-customer">{ticket.external_author ?? `${ticket.author.name} (team)`}</span>
        </div>
      </div>
      <div className="queue-side">
        <span className="assignees">
          <span className="visually-hidden">{ticket.assignees.length ? `Assigned to ${ticket.assignees.map((a) => a.name).join(', ')}` : 'Unassigned'}</span>
          {ticket.assignees.map((a) => (
            <Initials key={a.id} name={a.name} />
          ))}
        </span>
        <time className="muted small" dateTime={activity} title={`Last activity ${absoluteTime(activity)}`}>
          {relativeTime(activity)}
        </time>
      </div>
    </li>
  );
}
