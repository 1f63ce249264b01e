import { type FormEvent, useState } from 'react';
import { CopyButton } from '../../../components/copy-button.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import type { CreatedPersonalAccessToken } from '../../../lib/admin-api-types.ts';
import { TOKEN_SCOPES, useCreateToken } from '../api/personal-access-tokens.ts';
import '../people.css';

/** Create a token; its secret is shown once, here, with a copy button, and never again. */
export function CreateTokenForm({ userId }: { userId: number }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['api']);
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<CreatedPersonalAccessToken | null>(null);
  const create = useCreateToken(userId);
  const toggle = (scope: string, on: boolean) => setScopes(on ? [...scopes, scope] : scopes.filter((s) => s !== scope));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), scopes, expires_at: expires || null },
      {
        onSuccess: (token) => {
          setCreated(token);
          setName('');
          setExpires('');
        },
      },
    );
  };
  return (
    <div className="stack">
      {created ? (
        <section className="people-new-token" aria-label="New token">
          <p className="people-new-token-title">
            Your new token <strong>{created.name}</strong>. Copy it now: it will not be shown again.
          </p>
          <p className="row">
            <code className="people-token-value">{created.token}</code>
            <CopyButton text={created.token} label="Copy token" />
          </p>
          <div>
            <button type="button" className="button small" onClick={() => setCreated(null)}>
              Done, hide it
            </button>
          </div>
        </section>
      ) : null}
      <form className="people-grid-form" onSubmit={submit} aria-label="Create a token">
        <label className="field">
          <span>Token name</span>
          <input required value={name} onChange={(e) => setName(e.target.value)} placeholder="CI script" />
        </label>
        <label className="field">
          <span>Expires on</span>
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          <small className="muted">Leave empty for no expiry.</small>
        </label>
        <fieldset className="people-scopes people-span">
          <legend>Scopes</legend>
          {TOKEN_SCOPES.map((scope) => (
            <label key={scope.value} className="check">
              <input type="checkbox" checked={scopes.includes(scope.value)} onChange={(e) => toggle(scope.value, e.target.checked)} />
              <span>
                <span className="mono">{scope.label}</span> <span className="muted">— {scope.means}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="people-span">
          <button type="submit" className="button primary" disabled={create.isPending || scopes.length === 0}>
            Create token
          </button>
        </div>
        {create.error ? <ErrorMessage error={create.error} className="people-span" /> : null}
      </form>
    </div>
  );
}
