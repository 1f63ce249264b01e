import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { useCreateUser } from '../api/users.ts';
import '../people.css';

const EMPTY = { username: '', email: '', name: '', password: '', admin: false };

/** Admins create accounts; the new user signs in with the password given here and can change it. */
export function CreateUserForm() {
  const [form, setForm] = useState(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const create = useCreateUser();
  const set = (field: keyof typeof EMPTY, value: string | boolean) => {
    setForm({ ...form, [field]: value });
    setCreated(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { username: form.username.trim(), email: form.email.trim(), name: form.name.trim(), password: form.password || undefined, admin: form.admin },
      {
        onSuccess: (user) => {
          setForm(EMPTY);
          setCreated(user.username);
        },
      },
    );
  };
  return (
    <form className="people-grid-form" onSubmit={submit} aria-label="Create a user">
      <label className="field">
        <span>Username</span>
        <input required autoComplete="off" value={form.username} onChange={(e) => set('username', e.target.value)} />
      </label>
      <label className="field">
        <span>Email</span>
        <input required type="email" autoComplete="off" value={form.email} onChange={(e) => set('email', e.target.value)} />
      </label>
      <label className="field">
        <span>Name</span>
        <input required autoComplete="off" value={form.name} onChange={(e) => set('name', e.target.value)} />
      </label>
      <label className="field">
        <span>Password</span>
        <input type="password" autoComplete="new-password" value={form.password} onChange={(e) => set('password', e.target.value)} />
      </label>
      <label className="check people-span">
        <input type="checkbox" checked={form.admin} onChange={(e) => set('admin', e.target.checked)} />
        <span>Administrator (manages every project and user)</span>
      </label>
      <div className="row people-span">
        <button type="submit" className="button primary" disabled={create.isPending}>
          Create user
        </button>
        <span role="status" className="people-status">
          {created ? <span className="people-ok">Created {created}</span> : null}
        </span>
      </div>
      {create.error ? <ErrorMessage error={create.error} className="people-span" /> : null}
    </form>
  );
}
