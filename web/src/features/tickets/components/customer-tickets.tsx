import { Link } from 'react-router';
import { relativeTime } from '../../../lib/relative-time.ts';
import { useCustomerTickets } from '../api/get-customer-tickets.ts';

type Props = { project: string; email: string; currentIid: number; hrefFor: (iid: number) => string };

/** The same customer's other tickets in this project, open and closed. */
export function CustomerTickets({ project, email, currentIid, hrefFor }: Props) {
  const tickets = useCustomerTickets(project, email);
  const others = (tickets.data?.items ?? []).filter((t) => t.iid !== currentIid);
  if (tickets.isPending) return <p className="muted small">Loading…</p>;
  if (tickets.error) return <p className="muted small">Not available.</p>;
  if (others.length === 0) return <p className="muted small">No other tickets.</p>;
  return (
    <ul className="side-list">
      {others.map((t) => (
        <li key={t.id}>
          <Link to={hrefFor(t.iid)}>
            #{t.iid} {t.title}
          </Link>
          <span className="muted small">
            {' '}
            · {t.state === 'opened' ? 'open' : 'closed'} · {relativeTime(t.created_at)}
          </span>
        </li>
      ))}
    </ul>
  );
}
