import { useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/spinner.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { NewTicketForm } from '../../features/tickets/components/new-ticket-form.tsx';
import { paths } from '../../lib/paths.ts';

export function NewTicketRoute() {
  const projectPath = useParams().path!;
  const project = useProject(projectPath);
  const navigate = useNavigate();
  if (project.isPending) return <Loading />;
  if (project.error) return <ErrorMessage error={project.error} />;
  return (
    <div className="page narrow-page">
      <h1>New ticket in {project.data.name}</h1>
      <NewTicketForm project={projectPath} onCreated={(ticket) => navigate(paths.ticket(project.data.path, ticket.iid))} />
    </div>
  );
}
