import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/spinner.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { paths } from '../../lib/paths.ts';

/** Screens behind sign-in: without a session, go to /login and come back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading label="Signing you in…" />;
  if (session.error)
    return (
      <div className="login-page">
        <ErrorMessage error={session.error} />
      </div>
    );
  if (!session.data) return <Navigate to={paths.login(location.pathname + location.search)} replace />;
  return children;
}
