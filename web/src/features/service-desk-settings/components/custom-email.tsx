import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import type { ServiceDesk, ServiceDeskUpdate } from '../../../lib/admin-api-types.ts';
import { useResetCustomEmail, useRestartVerification } from '../api/custom-email.ts';
import { useUpdateServiceDesk } from '../api/update-service-desk.ts';
import { type OAuth2Draft, oauth2Body, oauth2Draft, SmtpOAuth2Fields } from './smtp-oauth2-fields.tsx';

type Method = NonNullable<ServiceDesk['custom_email_smtp_authentication']>;

/** What each SD-96 error means for the person fixing it. */
const ERRORS: Record<NonNullable<ServiceDesk['custom_email_error']>, string> = {
  incorrect_token: 'The mail came back without the token we sent.',
  incorrect_from: 'The mail came back From another address: the forwarding must keep the original sender.',
  mail_not_received_within_timeframe: 'Nothing came back within 30 minutes: check sub-addressing (+verify) and the forwarding.',
  invalid_credentials: 'The SMTP server refused the username or password, or the OAuth 2.0 token endpoint refused the refresh token.',
  smtp_host_issue: 'The SMTP server could not be reached, or answered with an error.',
  read_timeout: 'The SMTP server stopped answering.',
  incorrect_forwarding_target: 'The mail was forwarded to the alias address; forward to the incoming address instead.',
};

function stateText(s: ServiceDesk): string {
  switch (s.custom_email_state) {
    case 'started':
      return 'Verifying: a mail with a token went out through the SMTP account and should come back through the forwarding.';
    case 'finished':
      return s.custom_email_enabled ? 'Verified and on: customer mail goes out From this address.' : 'Verified. Switch it on to send From it.';
    case 'failed':
      return `Verification failed. ${s.custom_email_error ? ERRORS[s.custom_email_error] : ''}`;
    default:
      return 'Not set.';
  }
}

/** The project's own address and its SMTP account (maintainers set it; reporters see the address and its state). */
export function CustomEmail({ project, settings, canEdit }: { project: string; settings: ServiceDesk; canEdit: boolean }) {
  const update = useUpdateServiceDesk(project);
  const restart = useRestartVerification(project);
  const reset = useResetCustomEmail(project);
  const error = update.error ?? restart.error ?? reset.error;
  return (
    <div className="stack">
      {settings.custom_email ? (
        <p>
          <code className="sd-address">{settings.custom_email}</code>{' '}
          <span role="status" className={settings.custom_email_state === 'failed' ? 'sd-form-error' : 'muted'}>
            {stateText(settings)}
          </span>
        </p>
      ) : (
        <p className="muted">Hand out your own address (support@your-domain) instead of Postdesk's, sent through your provider's SMTP account.</p>
      )}
      {settings.custom_email_forwarding_guidance ? <p className="muted small">{settings.custom_email_forwarding_guidance}</p> : null}
      {canEdit && settings.custom_email ? (
        <div className="row">
          {settings.custom_email_state === 'finished' ? (
            <button
              type="button"
              className="button"
              disabled={update.isPending}
              onClick={() => update.mutate({ custom_email_enabled: !settings.custom_email_enabled })}
            >
              {settings.custom_email_enabled ? 'Switch off' : 'Switch on'}
            </button>
          ) : null}
          <button type="button" className="button" disabled={restart.isPending} onClick={() => restart.mutate()}>
            Verify again
          </button>
          <ConfirmButton
            label={`Reset custom email ${settings.custom_email}`}
            text="Reset"
            confirmLabel="Reset custom email"
            disabled={reset.isPending}
            onConfirm={() => reset.mutate()}
          />
        </div>
      ) : null}
      {canEdit ? <CustomEmailForm settings={settings} pending={update.isPending} onSave={(changes) => update.mutate(changes)} /> : null}
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}

function CustomEmailForm({ settings, pending, onSave }: { settings: ServiceDesk; pending: boolean; onSave: (changes: ServiceDeskUpdate) => void }) {
  const [address, setAddress] = useState(settings.custom_email ?? '');
  const [host, setHost] = useState(settings.custom_email_smtp_address ?? '');
  const [port, setPort] = useState(String(settings.custom_email_smtp_port ?? 587));
  const [username, setUsername] = useState(settings.custom_email_smtp_username ?? '');
  const [password, setPassword] = useState('');
  const [method, setMethod] = useState<Method | ''>(settings.custom_email_smtp_authentication ?? '');
  const stored = settings.custom_email_smtp_oauth2;
  const [signIn, setSignIn] = useState<'password' | 'oauth2'>(stored ? 'oauth2' : 'password');
  const [oauth2, setOAuth2] = useState<OAuth2Draft>(() => oauth2Draft(stored));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const credentials = signIn === 'oauth2' ? oauth2Body(oauth2) : null;
    onSave({
      custom_email: address.trim(),
      custom_email_smtp_address: host.trim(),
      custom_email_smtp_port: Number(port) || null,
      custom_email_smtp_username: username.trim(),
      custom_email_smtp_authentication: signIn === 'password' ? method || null : null,
      ...(signIn === 'password' && password && { custom_email_smtp_password: password }),
      ...(credentials && { custom_email_smtp_oauth2: credentials }),
    });
    setPassword('');
    setOAuth2((draft) => ({ ...draft, clientSecret: '', refreshToken: '' }));
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Custom email address">
      <fieldset className="sd-fieldset stack" disabled={pending}>
        <legend className="visually-hidden">Custom email and SMTP account</legend>
        <label className="field">
          <span>Custom email address</span>
          <input required type="email" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="support@example.com" />
        </label>
        <label className="field">
          <span>SMTP host</span>
          <input required value={host} onChange={(e) => setHost(e.target.value)} placeholder="smtp.example.com" />
        </label>
        <label className="field">
          <span>SMTP port</span>
          <input inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />
        </label>
        <label className="field">
          <span>SMTP username</span>
          <input required autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <fieldset className="sd-fieldset stack">
          <legend className="sd-legend">Sign in with</legend>
          <div className="sd-segmented">
            <button type="button" className="button small" aria-pressed={signIn === 'password'} onClick={() => setSignIn('password')}>
              Password
            </button>
            <button type="button" className="button small" aria-pressed={signIn === 'oauth2'} onClick={() => setSignIn('oauth2')}>
              OAuth 2.0
            </button>
          </div>
          {signIn === 'password' ? (
            <>
              <label className="field">
                <span>SMTP password</span>
                <input
                  type="password"
                  autoComplete="new-password"
                  required={!settings.custom_email_smtp_password_set}
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  placeholder={settings.custom_email_smtp_password_set ? 'Stored; type to replace' : ''}
                />
                <small className="muted">Stored encrypted, never shown again. Needed again when the host or username changes.</small>
              </label>
              <label className="field">
                <span>Authentication</span>
                <select value={method} onChange={(e) => setMethod(e.target.value as Method | '')}>
                  <option value="">As the server offers</option>
                  <option value="plain">PLAIN</option>
                  <option value="login">LOGIN</option>
                  <option value="cram_md5">CRAM-MD5</option>
                </select>
              </label>
            </>
          ) : (
            <SmtpOAuth2Fields draft={oauth2} stored={stored} onChange={setOAuth2} />
          )}
        </fieldset>
      </fieldset>
      <div className="row">
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save and verify'}
        </button>
      </div>
    </form>
  );
}
