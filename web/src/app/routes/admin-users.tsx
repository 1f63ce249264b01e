// /admin/users — the instance's users, for administrators: list and create.
import { Loading } from '../../components/spinner.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { CreateUserForm } from '../../features/people/components/create-user-form.tsx';
import { UserList } from '../../features/people/components/user-list.tsx';
import './admin-pages.css';

export function AdminUsersRoute() {
  const session = useSession();
  const user = session.data?.user;
  if (session.isPending) return <Loading />;
  return (
    <div className="page narrow-page">
      <header className="admin-page-header">
        <h1>People</h1>
      </header>
      {user?.admin ? (
        <>
          <section className="admin-section" aria-labelledby="users-heading">
            <h2 id="users-heading">Users</h2>
            <UserList />
          </section>
          <section className="admin-section" aria-labelledby="new-user-heading">
            <h2 id="new-user-heading">New user</h2>
            <CreateUserForm />
          </section>
        </>
      ) : (
        <p className="notice">Only instance administrators manage users. Project members are under each project's Members.</p>
      )}
    </div>
  );
}
