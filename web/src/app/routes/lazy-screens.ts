// Screens loaded on demand (each its own chunk). Add new screens here and a route in router.tsx.
import { type ComponentType, lazy } from 'react';

/** React.lazy for a module's named export (the project uses named exports only). */
function named<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(() => load().then((module) => ({ default: module[name] as ComponentType })));
}

/** The ticket screen's chunk: asked for early (a cold load of a ticket, and when the queue is idle), so opening one does not wait for it. */
export const loadTicketScreen = () => import('./ticket.tsx');

export const TicketRoute = named(loadTicketScreen, 'TicketRoute');
export const NewTicketRoute = named(() => import('./new-ticket.tsx'), 'NewTicketRoute');
export const ServiceDeskSettingsRoute = named(() => import('./service-desk-settings.tsx'), 'ServiceDeskSettingsRoute');
export const ProjectMailLogRoute = named(() => import('./project-mail-log.tsx'), 'ProjectMailLogRoute');
export const AdminMailLogRoute = named(() => import('./admin-mail-log.tsx'), 'AdminMailLogRoute');
export const AdminUsersRoute = named(() => import('./admin-users.tsx'), 'AdminUsersRoute');
export const ProjectMembersRoute = named(() => import('./project-members.tsx'), 'ProjectMembersRoute');
export const ProfileRoute = named(() => import('./profile.tsx'), 'ProfileRoute');
