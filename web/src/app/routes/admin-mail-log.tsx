// /admin/mail — every mailbox read for mail and every project's mail log (Block sender on received mail), for
// instance admins. There is no instance-wide event stream, so the lists poll every 5 s instead.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Loading } from '../../components/spinner.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { BlockSenderButton } from '../../features/blocked-senders/components/block-sender-button.tsx';
import { MailLog } from '../../features/mail-log/components/mail-log.tsx';
import { MailboxesOverview } from '../../features/mailboxes/components/mailboxes-section.tsx';
import { useProjects } from '../../features/projects/api/get-projects.ts';
import { paths } from '../../lib/paths.ts';
import './admin-pages.css';

const POLL_MS = 5_000;

export function AdminMailLogRoute() {
  const session = useSession();
  const user = session.data?.user;
  const projects = useProjects();
  const pathOf = useMemo(() => new Map((projects.data ?? []).map((p) => [p.id, p.path])), [projects.data]);
  if (session.isPending) return <Loading />;
  return (
    <div className="page">
      <header className="admin-page-header">
        <h1>Mail log</h1>
        <p className="muted admin-breadcrumb">All projects' mailboxes and mail, and mail that reached no project.</p>
      </header>
      {user?.admin ? (
        <>
          <MailboxesOverview
            projectLabel={(pid) => {
              if (pid === null) return <span className="muted">none: the instance's IMAP_URL</span>;
              const path = pathOf.get(pid);
              return path ? <Link to={paths.projectMail(path)}>{path}</Link> : `project ${pid}`;
            }}
          />
          <MailLog
            scope={{ refetchInterval: POLL_MS }}
            ticketHref={(pid, iid) => {
              const path = pid ? pathOf.get(pid) : undefined;
              return path && iid ? paths.ticket(path, iid) : undefined;
            }}
            // Blocks in the message's own project; mail that reached none has no list (the button hides itself).
            inboundActions={(m) => (m.reason?.startsWith('blocked_sender:') ? null : <BlockSenderButton message={m} />)}
          />
        </>
      ) : (
        <p className="notice">Only instance administrators can read the whole mail log. Maintainers find their project's under its Mail log.</p>
      )}
    </div>
  );
}
