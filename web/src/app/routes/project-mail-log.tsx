// /projects/:path/mail — one project's mailboxes, mail log (with Block sender on received mail) and blocked
// senders for its maintainers; the log is kept current by the project's live events, the mailboxes (which
// have none) by polling.
import { useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/spinner.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { BlockSenderButton } from '../../features/blocked-senders/components/block-sender-button.tsx';
import { BlockedSendersSection } from '../../features/blocked-senders/components/blocked-senders-section.tsx';
import { MailLog } from '../../features/mail-log/components/mail-log.tsx';
import { useMailLogLive } from '../../features/mail-log/hooks/use-mail-log-live.ts';
import { ProjectMailboxes } from '../../features/mailboxes/components/mailboxes-section.tsx';
import { useProjectRole } from '../../features/people/hooks/use-project-role.ts';
import { useProject } from '../../features/projects/api/get-project.ts';
import { paths } from '../../lib/paths.ts';
import { ProjectPageHeader } from './project-page-header.tsx';

export function ProjectMailLogRoute() {
  const path = useParams().path ?? '';
  const user = useSession().data?.user;
  const project = useProject(path);
  const role = useProjectRole(path, user);
  useMailLogLive(role.canManage ? path : undefined);
  const projectId = project.data?.id;
  return (
    <div className="page">
      <ProjectPageHeader project={path} title="Mail log" />
      {project.error ? <ErrorMessage error={project.error} /> : null}
      {role.isPending || project.isPending ? <Loading /> : null}
      {!role.isPending && !role.canManage ? <p className="notice">Only maintainers can read a project's mail log.</p> : null}
      {projectId && role.canManage ? <ProjectMailboxes project={path} /> : null}
      {projectId && role.canManage ? (
        <MailLog
          scope={{ project: String(projectId) }}
          ticketHref={(pid, iid) => (pid === projectId && iid ? paths.ticket(path, iid) : undefined)}
          // A sender blocked already says so in the row's outcome.
          inboundActions={(m) => (m.reason?.startsWith('blocked_sender:') ? null : <BlockSenderButton message={m} />)}
        />
      ) : null}
      {projectId && role.canManage ? <BlockedSendersSection project={path} /> : null}
    </div>
  );
}
