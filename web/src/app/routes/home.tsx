import { Navigate } from 'react-router';
import { paths } from '../../lib/paths.ts';
import { readLastProject } from '../../lib/storage.ts';

/** `/` opens the queue of the last project used, else the project list. */
export function HomeRoute() {
  const last = readLastProject();
  return <Navigate to={last ? paths.queue(last) : paths.projects()} replace />;
}
