// The queue: a project's service desk tickets with filters, counts, keyset paging, bulk actions, live.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/spinner.tsx';
import { useMembers } from '../../features/projects/api/get-members.ts';
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

export function QueueRoute() {
  const projectPath = useParams().path!;
  const project = useProject(projectPath);
  useEffect(() => {
    if (project.data) writeLastProject(project.data.path);
  }, [project.data]);
  if (project.isPending) return <Loading />;
  if (project.error) return <ErrorMessage error={project.error} />;
  return <Queue projectId={project.data.id} projectPath={project.data.path} projectName={project.data.name} />;
}

function Queue({ projectId, projectPath, projectName }: { projectId: number; projectPath: string; projectName: string }) {
  const { values, filters, set, key } = useQueueFilters();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const searchRef = useRef<HTMLInputElement>(null);
  const members = useMembers(projectId);
  const counts = useTicketCounts(projectId, filters);
  const cursor = cursors[cursors.length - 1] ?? null;
  const tickets = useTickets(projectId, filters, cursor);
  const update = useUpdateTicket(projectId);
  useLiveTickets(projectId);
  useDocumentTitle(`${projectName} queue`);

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

  return (
    <div className="page">
      <div className="page-header">
        <h1>
          {projectName} <span className="muted">· Queue</span>
        </h1>
        <Link to={paths.newTicket(projectPath)} className="button primary">
          New ticket
        </Link>
      </div>
      <QueueFilters values={values} counts={counts.data} members={members.data ?? []} onChange={set} searchRef={searchRef} />
      {selectedTickets.length > 0 ? (
        <BulkActions projectId={projectId} selected={selectedTickets} members={members.data ?? []} onDone={() => setSelected(new Set())} />
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
          hrefFor={(t) => paths.ticket(projectPath, t.iid)}
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
