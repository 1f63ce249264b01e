// Every screen of the web app (INTERFACE.md "Web UI"). The queue and sign-in load with the app; the rest
// are split out with React.lazy (see lazy-screens.ts) to keep the first load small. Declarative routes in a
// BrowserRouter: screens fetch through TanStack Query, not route loaders, and the data router's code was
// 53 KB (a sixth) of the app's chunk that every cold load compiles and runs.
import { Suspense } from 'react';
import { Outlet, Route, Routes } from 'react-router';
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

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      <Route
        element={
          <RequireSession>
            <AppLayout>
              <Outlet />
            </AppLayout>
          </RequireSession>
        }
      >
        <Route index element={<HomeRoute />} />
        <Route path="projects" element={<ProjectsRoute />} />
        <Route path="projects/:path/tickets" element={<QueueRoute />} />
        <Route path="projects/:path/tickets/new" element={lazily(Lazy.NewTicketRoute)} />
        <Route path="projects/:path/tickets/:iid" element={lazily(Lazy.TicketRoute)} />
        <Route path="projects/:path/settings/service_desk" element={lazily(Lazy.ServiceDeskSettingsRoute)} />
        <Route path="projects/:path/mail" element={lazily(Lazy.ProjectMailLogRoute)} />
        <Route path="projects/:path/members" element={lazily(Lazy.ProjectMembersRoute)} />
        <Route path="admin/mail" element={lazily(Lazy.AdminMailLogRoute)} />
        <Route path="admin/users" element={lazily(Lazy.AdminUsersRoute)} />
        <Route path="profile" element={lazily(Lazy.ProfileRoute)} />
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}
