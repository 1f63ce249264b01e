import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { useChangePassword } from '../api/change-password.ts';
import '../people.css';

/** Change one's password; the server then signs out every other session of this user. */
export function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const change = useChangePassword();
  const mismatch = again.length > 0 && next !== again;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (next !== again) return;
    setDone(false);
    change.mutate(
      { current_password: current, password: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setAgain('');
          setDone(true);
        },
      },
    );
  };
  return (
    <form className="stack narrow" onSubmit={submit} aria-label="Change password">
      <label className="field">
        <span>Current password</span>
        <input required type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label className="field">
        <span>New password</span>
        <input required type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label className="field">
        <span>Confirm new password</span>
        <input required type="password" autoComplete="new-password" value={again} aria-invalid={mismatch} onChange={(e) => setAgain(e.target.value)} />
        {mismatch ? <small className="people-mismatch">The two new passwords differ.</small> : null}
      </label>
      <div className="row">
        <button type="submit" className="button primary" disabled={change.isPending || mismatch}>
          Change password
        </button>
        <span role="status" className="people-status">
          {done ? <span className="people-ok">Password changed. Your other sessions were signed out.</span> : null}
        </span>
      </div>
      {change.error ? <ErrorMessage error={change.error} /> : null}
    </form>
  );
}
