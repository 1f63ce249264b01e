// URLs of the web app's screens (INTERFACE.md "Web UI"). A project path may hold characters that are
// not safe in one URL segment, so it is always encoded here and decoded by the router.
const p = (path: string) => encodeURIComponent(path);

export const paths = {
  home: () => '/',
  login: (next?: string) => (next ? `/login?next=${encodeURIComponent(next)}` : '/login'),
  projects: () => '/projects',
  queue: (project: string) => `/projects/${p(project)}/tickets`,
  newTicket: (project: string) => `/projects/${p(project)}/tickets/new`,
  ticket: (project: string, iid: number) => `/projects/${p(project)}/tickets/${iid}`,
  serviceDeskSettings: (project: string) => `/projects/${p(project)}/settings/service_desk`,
  projectMail: (project: string) => `/projects/${p(project)}/mail`,
  projectMembers: (project: string) => `/projects/${p(project)}/members`,
  adminMail: () => '/admin/mail',
  adminUsers: () => '/admin/users',
  profile: () => '/profile',
};

/** Only same-app paths are followed after sign-in (never `//evil.example` or `https://…`). */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
