import type { ServiceDesk, ServiceDeskUpdate } from '../../../lib/admin-api-types.ts';

export type OAuth2Provider = 'microsoft' | 'google' | 'other';

export interface OAuth2Draft {
  provider: OAuth2Provider;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  scope: string;
}

type Stored = ServiceDesk['custom_email_smtp_oauth2'];

/** The form's starting values: the stored non-secret parts, secrets always empty (they are never sent to the page). */
export function oauth2Draft(stored: Stored): OAuth2Draft {
  const provider: OAuth2Provider = stored?.provider === 'microsoft' || stored?.provider === 'google' ? stored.provider : stored ? 'other' : 'microsoft';
  return {
    provider,
    tokenUrl: provider === 'other' ? (stored?.token_url ?? '') : '',
    clientId: stored?.client_id ?? '',
    clientSecret: '',
    refreshToken: '',
    scope: provider === 'other' ? (stored?.scope ?? '') : '',
  };
}

/** What PUT …/service_desk takes; null while no refresh token was typed (the stored credentials stay). */
export function oauth2Body(draft: OAuth2Draft): NonNullable<ServiceDeskUpdate['custom_email_smtp_oauth2']> | null {
  if (!draft.refreshToken.trim()) return null;
  const { provider } = draft;
  return {
    ...(provider === 'other' ? { token_url: draft.tokenUrl.trim() } : { provider }),
    client_id: draft.clientId.trim(),
    ...(draft.clientSecret && { client_secret: draft.clientSecret }),
    refresh_token: draft.refreshToken.trim(),
    ...(provider === 'other' && draft.scope.trim() && { scope: draft.scope.trim() }),
  };
}

/** The OAuth 2.0 credentials of the SMTP account (XOAUTH2), for providers that refuse passwords. */
export function SmtpOAuth2Fields({ draft, stored, onChange }: { draft: OAuth2Draft; stored: Stored; onChange: (draft: OAuth2Draft) => void }) {
  const set = (changes: Partial<OAuth2Draft>) => onChange({ ...draft, ...changes });
  return (
    <>
      {stored ? (
        <p className="muted small">
          Credentials stored for client <code>{stored.client_id}</code>
          {stored.refreshed_at ? `; a token was last issued ${new Date(stored.refreshed_at).toLocaleString()}` : ''}. Give a new refresh token to replace them.
        </p>
      ) : null}
      {stored?.last_error ? (
        <p className="sd-form-error" role="alert">
          The last token refresh failed: {stored.last_error}
        </p>
      ) : null}
      <label className="field">
        <span>OAuth 2.0 provider</span>
        <select value={draft.provider} onChange={(e) => set({ provider: e.target.value as OAuth2Provider })}>
          <option value="microsoft">Microsoft 365</option>
          <option value="google">Google (Gmail)</option>
          <option value="other">Another provider</option>
        </select>
      </label>
      {draft.provider === 'other' ? (
        <>
          <label className="field">
            <span>Token URL</span>
            <input
              required
              type="url"
              value={draft.tokenUrl}
              onChange={(e) => set({ tokenUrl: e.target.value })}
              placeholder="https://login.example.com/oauth2/token"
            />
          </label>
          <label className="field">
            <span>Scope</span>
            <input value={draft.scope} onChange={(e) => set({ scope: e.target.value })} placeholder="Only if the provider wants one on refresh" />
          </label>
        </>
      ) : null}
      <label className="field">
        <span>Client ID</span>
        <input required autoComplete="off" value={draft.clientId} onChange={(e) => set({ clientId: e.target.value })} />
      </label>
      <label className="field">
        <span>Client secret</span>
        <input
          type="password"
          autoComplete="new-password"
          value={draft.clientSecret}
          onChange={(e) => set({ clientSecret: e.target.value })}
          placeholder={stored ? 'Needed again with a new refresh token; empty for a public client' : 'Leave empty for a public client'}
        />
      </label>
      <label className="field">
        <span>Refresh token</span>
        <input
          type="password"
          autoComplete="off"
          required={!stored}
          value={draft.refreshToken}
          onChange={(e) => set({ refreshToken: e.target.value })}
          placeholder={stored ? 'Stored; type to replace' : ''}
        />
        <small className="muted">
          Granted once by the mailbox's owner (for Microsoft 365 with SMTP.Send). Stored encrypted, as is the secret; neither is shown again.
        </small>
      </label>
    </>
  );
}
