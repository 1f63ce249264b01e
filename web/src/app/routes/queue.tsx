// The queue: a project's service desk tickets with filters, counts, keyset paging, bulk actions, live.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/spinner.tsx';
import { useMembers } from '../../features/people/api/members.ts';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useTicketCounts } from '../../features/tickets/api/get-ticket-counts.ts';
import { useTickets } from '../../features/tickets/api/get-tickets.ts';
import { useUpdateTicket } from '../../features/tickets/api/update-ticket.ts';
import { BulkActions } from '../../features/tickets/components/bulk-actions.tsx';
import { QueueFilters } from '../../features/tickets/components/queue-filters.tsx';
import { QueueList } from '../../features/tickets/components/queue-list.tsx';
import { QueuePager } from '../../features/tickets/components/queue-pager.tsx';
import { countLabel } from '../../features/tickets/count-label.ts';
import { useLiveTickets } from '../../features/tickets/hooks/use-live-tickets.ts';
import { useQueueFilters } from '../../features/tickets/hooks/use-queue-filters.ts';
import { useDocumentTitle } from '../../lib/document-title.ts';
import { useHotkeys } from '../../lib/hotkeys.ts';
import { paths } from '../../lib/paths.ts';
import { writeLastProject } from '../../lib/storage.ts';
import { whenIdle } from '../../lib/when-idle.ts';
import { loadTicketScreen } from './lazy-screens.ts';

export function QueueRoute() {
  const project = useParams().path!;
  return <Queue key={project} project={project} />;
}

/**
 * Asks for the tickets, counts and members by the project's path at once, next to the project itself (a
 * cold load has usually started all of them already: first-screen-queries.ts); the frame shows while they load.
 */
function Queue({ project }: { project: string }) {
  const details = useProject(project);
  // Both can wait for a quiet moment: the first write to localStorage of a fresh profile costs ~20 ms, and
  // opening a ticket, the queue's next step, then finds the ticket screen's chunk already loaded.
  useEffect(() => (details.data ? whenIdle(() => writeLastProject(details.data.path)) : undefined), [details.data]);
  useEffect(() => whenIdle(() => void loadTicketScreen().catch(() => {})), []);
  const { values, filters, set, key } = useQueueFilters();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const searchRef = useRef<HTMLInputElement>(null);
  const members = useMembers(project);
  const counts = useTicketCounts(project, filters);
  const cursor = cursors[cursors.length - 1] ?? null;
  const tickets = useTickets(project, filters, cursor);
  const update = useUpdateTicket(project);
  useLiveTickets(project);
  useDocumentTitle(details.data ? `${details.data.name} queue` : undefined);

  // New filters start again at the first page with nothing selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the filters (serialised in `key`) change
  useEffect(() => {
    setCursors([null]);
    setSelected(new Set());
  }, [key]);

  useHotkeys({
    '/': () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
  });

  const items = tickets.data?.items ?? [];
  // A broad search leaves X-Total out (the API counts it to 1,000 in ticket_counts): the tab's count says it.
  const total = tickets.data?.total ?? (counts.data ? countLabel(counts.data, values.state) : null);
  const selectedTickets = useMemo(() => items.filter((t) => selected.has(t.iid)), [items, selected]);
  const allSelected = items.length > 0 && items.every((t) => selected.has(t.iid));

  if (details.error) return <ErrorMessage error={details.error} />;
  return (
    <div className="page">
      <div className="page-header">
        <h1>
          {details.data?.name ?? project} <span className="muted">· Queue</span>
        </h1>
        <Link to={paths.newTicket(project)} className="button primary">
          New ticket
        </Link>
      </div>
      <QueueFilters values={values} counts={counts.data} members={members.data ?? []} onChange={set} searchRef={searchRef} />
      {selectedTickets.length > 0 ? (
        <BulkActions project={project} selected={selectedTickets} members={members.data ?? []} onDone={() => setSelected(new Set())} />
      ) : null}
      <div className="queue-box">
        <div className="queue-head">
          <input
            type="checkbox"
            aria-label="Select all tickets on this page"
            checked={allSelected}
            onChange={(e) => setSelected(e.target.checked ? new Set(items.map((t) => t.iid)) : new Set())}
          />
          <span className="muted small">
            {total !== null ? `${total} ticket${total === 1 || total === '1' ? '' : 's'}` : ''}
            {tickets.isFetching && !tickets.isPending ? ' · updating…' : ''}
          </span>
        </div>
        {tickets.isPending ? <Loading /> : null}
        {tickets.error ? <ErrorMessage error={tickets.error} /> : null}
        {update.error ? <ErrorMessage error={update.error} /> : null}
        {tickets.data && items.length === 0 ? <p className="empty">No tickets match. Mail sent to the service desk address lands here.</p> : null}
        <QueueList
          tickets={items}
          hrefFor={(t) => paths.ticket(project, t.iid)}
          selected={selected}
          showState={values.state !== 'opened'}
          onClose={(ticket) => update.mutate({ iid: ticket.iid, changes: { state_event: 'close' } })}
          onSelect={(iid, value) => {
            const next = new Set(selected);
            if (value) next.add(iid);
            else next.delete(iid);
            setSelected(next);
          }}
        />
      </div>
      <QueuePager
        page={cursors.length - 1}
        hasNext={Boolean(tickets.data?.nextCursor)}
        total={total}
        shown={items.length}
        onPrevious={() => setCursors(cursors.slice(0, -1))}
        onNext={() => tickets.data?.nextCursor && setCursors([...cursors, tickets.data.nextCursor])}
      />
    </div>
  );
}
