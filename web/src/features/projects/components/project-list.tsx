import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/spinner.tsx';
import { paths } from '../../../lib/paths.ts';
import { useProjects } from '../api/get-projects.ts';

export function ProjectList() {
  const projects = useProjects();
  if (projects.isPending) return <Loading />;
  if (projects.error) return <ErrorMessage error={projects.error} />;
  if (projects.data.length === 0) return <p className="muted">No projects yet. Create the first one below.</p>;
  return (
    <ul className="card-list" aria-label="Projects">
      {projects.data.map((project) => (
        <li key={project.id}>
          <Link to={paths.queue(project.path)} className="card-link">
            <span className="card-title">{project.name}</span>
            <span className="muted mono">{project.path}</span>
            <span className="badge">{project.visibility}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
