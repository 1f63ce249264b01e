// Every screen of the web app (INTERFACE.md "Web UI"). The queue and sign-in load with the app; the rest
// are split out with React.lazy (see lazy-screens.ts) to keep the first load small.
import { Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { Loading } from '../components/spinner.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { RequireSession } from './layout/require-session.tsx';
import { HomeRoute } from './routes/home.tsx';
import { LoginRoute } from './routes/login.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { ProjectsRoute } from './routes/projects.tsx';
import { QueueRoute } from './routes/queue.tsx';
import * as Lazy from './routes/lazy-screens.ts';

const lazily = (Screen: React.ComponentType) => (
  <Suspense fallback={<Loading />}>
    <Screen />
  </Suspense>
);

export const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute /> },
  {
    element: (
      <RequireSession>
        <AppLayout>
          <Outlet />
        </AppLayout>
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'projects', element: <ProjectsRoute /> },
      { path: 'projects/:path/tickets', element: <QueueRoute /> },
      { path: 'projects/:path/tickets/new', element: lazily(Lazy.NewTicketRoute) },
      { path: 'projects/:path/tickets/:iid', element: lazily(Lazy.TicketRoute) },
      { path: 'projects/:path/settings/service_desk', element: lazily(Lazy.ServiceDeskSettingsRoute) },
      { path: 'projects/:path/mail', element: lazily(Lazy.ProjectMailLogRoute) },
      { path: 'projects/:path/members', element: lazily(Lazy.ProjectMembersRoute) },
      { path: 'admin/mail', element: lazily(Lazy.AdminMailLogRoute) },
      { path: 'admin/users', element: lazily(Lazy.AdminUsersRoute) },
      { path: 'profile', element: lazily(Lazy.ProfileRoute) },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
