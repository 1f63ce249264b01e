import { useNavigate } from 'react-router';
import { CreateProjectForm } from '../../features/projects/components/create-project-form.tsx';
import { ProjectList } from '../../features/projects/components/project-list.tsx';
import { paths } from '../../lib/paths.ts';

export function ProjectsRoute() {
  const navigate = useNavigate();
  return (
    <div className="page narrow-page">
      <h1>Projects</h1>
      <ProjectList />
      <section className="section" aria-labelledby="new-project">
        <h2 id="new-project">New project</h2>
        <CreateProjectForm onCreated={(project) => navigate(paths.queue(project.path))} />
      </section>
    </div>
  );
}
