import { useNavigate } from 'react-router';
import { paths } from '../../../lib/paths.ts';
import { useProjects } from '../api/get-projects.ts';

/** The top bar's project picker: choosing one opens its queue. */
export function ProjectSwitcher({ current }: { current: string | undefined }) {
  const projects = useProjects();
  const navigate = useNavigate();
  const list = projects.data ?? [];
  return (
    <select
      className="project-switcher"
      aria-label="Project"
      value={current ?? ''}
      onChange={(event) => {
        const value = event.target.value;
        navigate(value ? paths.queue(value) : paths.projects());
      }}
    >
      {current && !list.some((p) => p.path === current) ? <option value={current}>{current}</option> : null}
      <option value="">All projects…</option>
      {list.map((project) => (
        <option key={project.id} value={project.path}>
          {project.name}
        </option>
      ))}
    </select>
  );
}
