import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { ACCESS_LEVELS } from '../../../lib/admin-api-types.ts';
import { useAddMember } from '../api/members.ts';
import { findUserByUsername, useUsers } from '../api/users.ts';
import '../people.css';

/** Add someone by username (suggested from the user list) with a role; Reporter is the usual agent role. */
export function AddMemberForm({ project }: { project: string }) {
  const [username, setUsername] = useState('');
  const [level, setLevel] = useState(20);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const users = useUsers();
  const add = useAddMember(project);
  const listId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotFound(null);
    setAdded(null);
    const name = username.trim().replace(/^@/, '');
    const user = users.data?.find((u) => u.username.toLowerCase() === name.toLowerCase()) ?? (await findUserByUsername(name).catch(() => undefined));
    if (!user) {
      setNotFound(name);
      return;
    }
    add.mutate(
      { userId: user.id, accessLevel: level },
      {
        onSuccess: () => {
          setUsername('');
          setAdded(user.username);
        },
      },
    );
  };

  return (
    <form className="people-inline-form" onSubmit={submit} aria-label="Add a member">
      <label className="field">
        <span>Username</span>
        <input required list={listId} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        <datalist id={listId}>
          {(users.data ?? [])
            .filter((u) => !u.bot)
            .map((u) => (
              <option key={u.id} value={u.username}>
                {u.name}
              </option>
            ))}
        </datalist>
      </label>
      <label className="field">
        <span>Role</span>
        <select value={level} onChange={(e) => setLevel(Number(e.target.value))}>
          {ACCESS_LEVELS.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button primary" disabled={add.isPending}>
        Add member
      </button>
      <span role="status" className="people-status">
        {added ? <span className="people-ok">Added {added}</span> : null}
      </span>
      {notFound ? (
        <p role="alert" className="error-message people-form-error">
          No user is called “{notFound}”.
        </p>
      ) : null}
      {add.error ? <ErrorMessage error={add.error} className="people-form-error" /> : null}
    </form>
  );
}
