import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { TicketListItem } from '../../../lib/api-types.ts';
import { useHotkeys } from '../../../lib/hotkeys.ts';
import { QueueRow } from './queue-row.tsx';

type Props = {
  tickets: TicketListItem[];
  hrefFor: (ticket: TicketListItem) => string;
  selected: Set<number>;
  onSelect: (iid: number, selected: boolean) => void;
  showState: boolean;
  /** `e` on a focused row closes that ticket. */
  onClose: (ticket: TicketListItem) => void;
};

/** The queue's rows. `j`/`k` move the focus from row to row, `Enter` opens the focused one, `e` closes it. */
export function QueueList({ tickets, hrefFor, selected, onSelect, showState, onClose }: Props) {
  const links = useRef(new Map<number, HTMLAnchorElement>());
  const [active, setActive] = useState(-1);
  const navigate = useNavigate();

  useEffect(() => {
    if (active >= tickets.length) setActive(tickets.length - 1);
  }, [tickets.length, active]);

  const move = (delta: number) => {
    if (tickets.length === 0) return;
    const next = Math.max(0, Math.min(tickets.length - 1, active < 0 ? 0 : active + delta));
    setActive(next);
    const link = links.current.get(tickets[next]!.iid);
    link?.focus();
    link?.scrollIntoView({ block: 'nearest' });
  };

  useHotkeys({
    j: () => move(1),
    k: () => move(-1),
    e: () => {
      const ticket = tickets[active];
      if (ticket?.state !== 'opened') return false;
      onClose(ticket);
    },
    enter: (event) => {
      // On a focused link the browser opens it; from nowhere, open the row j/k last reached.
      if (event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement) return false;
      const ticket = tickets[active];
      if (!ticket) return false;
      navigate(hrefFor(ticket));
    },
  });

  if (tickets.length === 0) return null;
  return (
    <ul className="queue-list" aria-label="Tickets">
      {tickets.map((ticket, index) => (
        <QueueRow
          key={ticket.id}
          ticket={ticket}
          href={hrefFor(ticket)}
          selected={selected.has(ticket.iid)}
          onSelect={(value) => onSelect(ticket.iid, value)}
          showState={showState}
          linkRef={(element) => {
            if (element) {
              links.current.set(ticket.iid, element);
              element.onfocus = () => setActive(index);
            } else links.current.delete(ticket.iid);
          }}
        />
      ))}
    </ul>
  );
}
