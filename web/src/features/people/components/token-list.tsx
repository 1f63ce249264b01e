import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/spinner.tsx';
import type { PersonalAccessToken } from '../../../lib/admin-api-types.ts';
import { absoluteTime, relativeTime } from '../../../lib/relative-time.ts';
import { useRevokeToken, useTokens } from '../api/personal-access-tokens.ts';
import '../people.css';

const status = (t: PersonalAccessToken) => (t.revoked ? 'revoked' : t.active ? 'active' : 'expired');

/** A user's personal access tokens, newest first; active ones can be revoked. */
export function TokenList({ userId }: { userId: number }) {
  const tokens = useTokens(userId);
  const revoke = useRevokeToken(userId);
  if (tokens.isPending) return <Loading />;
  if (tokens.error) return <ErrorMessage error={tokens.error} />;
  if (tokens.data.length === 0) return <p className="muted">No tokens yet.</p>;
  return (
    <div className="stack">
      {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
      <ul className="people-list" aria-label="Personal access tokens">
        {tokens.data.map((token) => (
          <li key={token.id} className="people-row">
            <span className="people-who">
              <span className="people-name">{token.name}</span>
              <span className="row">
                {token.scopes.map((scope) => (
                  <span key={scope} className="label-chip mono">
                    {scope}
                  </span>
                ))}
                <span className={`badge ${status(token) === 'active' ? 'open' : ''}`}>{status(token)}</span>
              </span>
              <span className="muted small">
                Created {new Date(token.created_at).toLocaleDateString('en', { dateStyle: 'medium' })}
                {' · '}
                {token.expires_at ? `expires ${token.expires_at.slice(0, 10)}` : 'never expires'}
                {' · '}
                {token.last_used_at ? <span title={absoluteTime(token.last_used_at)}>last used {relativeTime(token.last_used_at)}</span> : 'never used'}
              </span>
            </span>
            {token.active ? (
              <ConfirmButton
                label={`Revoke ${token.name}`}
                text="Revoke"
                confirmLabel={`Revoke ${token.name} now`}
                disabled={revoke.isPending}
                onConfirm={() => revoke.mutate(token.id)}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
