import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { paths } from '../../lib/paths.ts';

/**
 * Screens behind sign-in: without a session, go to /login and come back here afterwards. While the session
 * is still being asked for, the frame and the screen render already (their own requests run alongside, and
 * any 401 among them sends the agent to sign in as well): a cold load shows the page's skeleton, not a
 * blank one. Screens that depend on who is signed in wait for the session themselves.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.error)
    return (
      <div className="login-page">
        <ErrorMessage error={session.error} />
      </div>
    );
  if (session.data === null) return <Navigate to={paths.login(location.pathname + location.search)} replace />;
  return children;
}
