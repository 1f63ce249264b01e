import { Link, NavLink } from 'react-router';
import { paths } from '../../lib/paths.ts';
import './admin-pages.css';

/** The heading of a project's admin screens, with links between them (settings, members, mail log). */
export function ProjectPageHeader({ project, title }: { project: string; title: string }) {
  return (
    <header className="admin-page-header">
      <p className="muted small admin-breadcrumb">
        <Link to={paths.queue(project)}>{project}</Link>
      </p>
      <h1>{title}</h1>
      <nav aria-label="Project administration" className="admin-subnav">
        <NavLink to={paths.serviceDeskSettings(project)}>Service desk</NavLink>
        <NavLink to={paths.projectMembers(project)}>Members</NavLink>
        <NavLink to={paths.projectMail(project)}>Mail log</NavLink>
      </nav>
    </header>
  );
}
