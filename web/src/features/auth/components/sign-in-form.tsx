import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { useSignIn } from '../api/sign-in.ts';

/** Username-or-email and password; calls `onSignedIn` after a successful sign-in. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ login: login.trim(), password }, { onSuccess: onSignedIn });
  };

  return (
    <form className="stack" onSubmit={submit}>
      <label className="field">
        <span>Username or email</span>
        <input name="login" autoComplete="username" required value={login} onChange={(e) => setLogin(e.target.value)} />
      </label>
      <label className="field">
        <span>Password</span>
        <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {signIn.error ? <ErrorMessage error={signIn.error} /> : null}
      <button type="submit" className="button primary" disabled={signIn.isPending} aria-busy={signIn.isPending}>
        Sign in
      </button>
    </form>
  );
}
