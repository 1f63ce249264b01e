// The ticket page: header, the conversation, the composer, and the side panel. Live: new notes and
// changes appear without a reload. Opening it marks it read. Keys: r reply, i internal note, e close.
import { useEffect, useMemo, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/spinner.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { useNotes } from '../../features/conversation/api/get-notes.ts';
import { Composer, type ComposerHandle } from '../../features/conversation/components/composer.tsx';
import { TicketThread } from '../../features/conversation/components/ticket-thread.tsx';
import { useLiveNotes } from '../../features/conversation/hooks/use-live-notes.ts';
import { useMembers } from '../../features/people/api/members.ts';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useTicket } from '../../features/tickets/api/get-ticket.ts';
import { useMarkTicketRead } from '../../features/tickets/api/mark-ticket-read.ts';
import { useUpdateTicket } from '../../features/tickets/api/update-ticket.ts';
import { TicketHeader } from '../../features/tickets/components/ticket-header.tsx';
import { TicketSidePanel } from '../../features/tickets/components/ticket-side-panel.tsx';
import type { RoutedMail } from '../../features/tickets/components/routing-info.tsx';
import { useLiveTickets } from '../../features/tickets/hooks/use-live-tickets.ts';
import { useDocumentTitle } from '../../lib/document-title.ts';
import { useHotkeys } from '../../lib/hotkeys.ts';
import { paths } from '../../lib/paths.ts';
import { writeLastProject } from '../../lib/storage.ts';
import { whenIdle } from '../../lib/when-idle.ts';

export function TicketRoute() {
  const params = useParams();
  const project = params.path!;
  const iid = Number(params.iid);
  if (!Number.isInteger(iid) || iid <= 0) return <ErrorMessage error={new Error('There is no such ticket.')} />;
  return <TicketScreen key={`${project}-${iid}`} project={project} iid={iid} />;
}

/** The ticket and its notes are asked for by the project's path at once, without waiting for the project. */
function TicketScreen({ project, iid }: { project: string; iid: number }) {
  const details = useProject(project);
  const ticket = useTicket(project, iid);
  const notes = useNotes(project, iid);
  const members = useMembers(project);
  const session = useSession();
  useEffect(() => (details.data ? whenIdle(() => writeLastProject(details.data.path)) : undefined), [details.data]);
  const markRead = useMarkTicketRead(project);
  const update = useUpdateTicket(project);
  const composer = useRef<ComposerHandle>(null);
  useLiveTickets(project);
  useLiveNotes(project, iid);
  useDocumentTitle(ticket.data ? `#${iid} ${ticket.data.title}` : undefined);

  // Read when opened, and again when something new arrives while it is on screen.
  const noteCount = notes.data?.length ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run only when the ticket or its note count changes
  useEffect(() => {
    markRead.mutate(iid);
  }, [iid, noteCount]);

  useHotkeys({
    r: () => composer.current?.focus(false),
    i: () => composer.current?.focus(true),
    e: () => {
      if (ticket.data?.state === 'opened') update.mutate({ iid, changes: { state_event: 'close' } });
    },
  });

  const routedMails = useMemo<RoutedMail[]>(() => {
    const mails: RoutedMail[] = [];
    if (ticket.data?.email) mails.push({ label: 'First mail', matchedBy: ticket.data.email.matched_by, authentication: ticket.data.authentication });
    for (const note of notes.data ?? []) {
      if (note.email) mails.push({ label: `Mail from ${note.email.from}`, matchedBy: note.email.matched_by, authentication: note.authentication });
    }
    return mails;
  }, [ticket.data, notes.data]);

  if (ticket.isPending) return <Loading />;
  if (ticket.error) return <ErrorMessage error={ticket.error} />;
  const hrefFor = (other: number) => paths.ticket(project, other);

  return (
    <div className="page ticket-page">
      <nav className="breadcrumbs small" aria-label="Breadcrumbs">
        <Link to={paths.queue(project)}>← Queue</Link>
      </nav>
      <TicketHeader ticket={ticket.data} />
      {update.error ? <ErrorMessage error={update.error} /> : null}
      <div className="ticket-layout">
        <div className="ticket-main">
          {notes.error ? <ErrorMessage error={notes.error} /> : null}
          <TicketThread ticket={ticket.data} notes={notes.data ?? []} />
          {notes.isPending ? <Loading label="Loading the conversation…" /> : null}
          <Composer
            ref={composer}
            project={project}
            iid={iid}
            currentUserId={session.data?.user.id ?? 0}
            notes={notes.data}
            recipients={ticket.data.participants.map((p) => p.email)}
          />
        </div>
        <TicketSidePanel project={project} ticket={ticket.data} members={members.data ?? []} routedMails={routedMails} hrefFor={hrefFor} />
      </div>
    </div>
  );
}
