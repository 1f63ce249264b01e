import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../features/auth/api/get-session.ts';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { safeNext } from '../../lib/paths.ts';

export function LoginRoute() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const next = safeNext(search.get('next'));
  if (session.data) return <Navigate to={next} replace />;
  return (
    <main className="login-page">
      <div className="login-card">
        <h1>
          <span aria-hidden="true">✉</span> Sign in to Postdesk
        </h1>
        <SignInForm onSignedIn={() => navigate(next, { replace: true })} />
      </div>
    </main>
  );
}
