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
import { useMembers } from '../../features/projects/api/get-members.ts';
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

export function TicketRoute() {
  const params = useParams();
  const project = useProject(params.path!);
  const iid = Number(params.iid);
  useEffect(() => {
    if (project.data) writeLastProject(project.data.path);
  }, [project.data]);
  if (!Number.isInteger(iid) || iid <= 0) return <ErrorMessage error={new Error('There is no such ticket.')} />;
  if (project.isPending) return <Loading />;
  if (project.error) return <ErrorMessage error={project.error} />;
  return <TicketScreen key={`${project.data.id}-${iid}`} projectId={project.data.id} projectPath={project.data.path} iid={iid} />;
}

function TicketScreen({ projectId, projectPath, iid }: { projectId: number; projectPath: string; iid: number }) {
  const ticket = useTicket(projectId, iid);
  const notes = useNotes(projectId, iid);
  const members = useMembers(projectId);
  const session = useSession();
  const markRead = useMarkTicketRead(projectId);
  const update = useUpdateTicket(projectId);
  const composer = useRef<ComposerHandle>(null);
  useLiveTickets(projectId);
  useLiveNotes(projectId, iid);
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
    if (ticket.data?.email) mails.push({ label: 'First mail', matchedBy: ticket.data.email.matched_by });
    for (const note of notes.data ?? []) {
      if (note.email) mails.push({ label: `Mail from ${note.email.from}`, matchedBy: note.email.matched_by });
    }
    return mails;
  }, [ticket.data, notes.data]);

  if (ticket.isPending) return <Loading />;
  if (ticket.error) return <ErrorMessage error={ticket.error} />;
  const hrefFor = (other: number) => paths.ticket(projectPath, other);

  return (
    <div className="page ticket-page">
      <nav className="breadcrumbs small" aria-label="Breadcrumbs">
        <Link to={paths.queue(projectPath)}>← Queue</Link>
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
            projectId={projectId}
            iid={iid}
            currentUserId={session.data?.user.id ?? 0}
            notes={notes.data}
            recipients={ticket.data.participants.map((p) => p.email)}
          />
        </div>
        <TicketSidePanel projectId={projectId} ticket={ticket.data} members={members.data ?? []} routedMails={routedMails} hrefFor={hrefFor} />
      </div>
    </div>
  );
}
