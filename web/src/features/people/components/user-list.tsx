import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/spinner.tsx';
import { absoluteTime } from '../../../lib/relative-time.ts';
import { useUsers } from '../api/users.ts';
import '../people.css';

/** Every user of the instance (admins see emails). */
export function UserList() {
  const users = useUsers();
  if (users.isPending) return <Loading />;
  if (users.error) return <ErrorMessage error={users.error} />;
  return (
    <ul className="people-list" aria-label="Users">
      {users.data.map((user) => (
        <li key={user.id} className="people-row">
          <span className="people-who">
            <span className="people-name">{user.name}</span>
            <span className="muted mono small">@{user.username}</span>
            {user.email ? <span className="muted small people-email">{user.email}</span> : null}
          </span>
          <span className="row people-badges">
            {user.admin ? <span className="badge people-admin">admin</span> : null}
            {user.bot ? <span className="badge">bot</span> : null}
            {user.state === 'blocked' ? <span className="badge confidential">blocked</span> : null}
            <span className="muted small" title={absoluteTime(user.created_at)}>
              since {new Date(user.created_at).toLocaleDateString('en', { dateStyle: 'medium' })}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
