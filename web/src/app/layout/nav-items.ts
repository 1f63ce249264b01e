import { paths } from '../../lib/paths.ts';

export type NavItem = { label: string; to: string; end?: boolean };

/** The main nav: project screens when a project is known, then the instance screens. */
export function navItems({ project, admin }: { project: string | undefined; admin: boolean }): NavItem[] {
  const items: NavItem[] = [];
  if (project) {
    items.push({ label: 'Queue', to: paths.queue(project) });
    items.push({ label: 'Settings', to: paths.serviceDeskSettings(project) });
    items.push({ label: 'Mail log', to: paths.projectMail(project) });
  } else {
    items.push({ label: 'Projects', to: paths.projects(), end: true });
  }
  if (admin) {
    items.push({ label: 'People', to: paths.adminUsers() });
    items.push({ label: 'All mail', to: paths.adminMail() });
  }
  items.push({ label: 'Profile', to: paths.profile() });
  return items;
}
