// /profile — the signed-in user's own settings: tokens, password, notifications.
import { Loading } from '../../components/spinner.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { CreateTokenForm } from '../../features/people/components/create-token-form.tsx';
import { NotificationSettingsForm } from '../../features/people/components/notification-settings-form.tsx';
import { PasswordForm } from '../../features/people/components/password-form.tsx';
import { TokenList } from '../../features/people/components/token-list.tsx';
import './admin-pages.css';

export function ProfileRoute() {
  const user = useSession().data?.user;
  if (!user) return <Loading />;
  return (
    <div className="page narrow-page">
      <header className="admin-page-header">
        <h1>{user.name}</h1>
        <p className="muted admin-breadcrumb">
          @{user.username}
          {user.email ? ` · ${user.email}` : ''}
          {user.admin ? ' · administrator' : ''}
        </p>
      </header>
      <section className="admin-section" aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">Mail me about</h2>
        <NotificationSettingsForm />
      </section>
      <section className="admin-section" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Personal access tokens</h2>
        <p className="muted small">
          For scripts and the API: send one as <code>Authorization: Bearer &lt;token&gt;</code>.
        </p>
        <CreateTokenForm userId={user.id} />
        <h3 className="profile-subheading">Your tokens</h3>
        <TokenList userId={user.id} />
      </section>
      <section className="admin-section" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <PasswordForm />
      </section>
    </div>
  );
}
