// Sends one raw message to one SMTP server: the instance relay or a project's own account. Reports
// whether the body had started when a failure came, which is what separates "not delivered" from "maybe
// delivered" (delivery-error.ts). How an account logs in is turned into SMTP here, and only here: a
// password, or an OAuth 2.0 access token sent with AUTH XOAUTH2 (Microsoft 365 and Gmail refuse passwords);
// a token the server refuses is asked for again once, as renewed, within the same connection.
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import XOAuth2 from 'nodemailer/lib/xoauth2';
import { isLoopbackHost, type SmtpAccount } from '../../domain/smtp-account.ts';
import { smtpOAuth2, type AccessTokens } from '../oauth2/access-tokens.ts';

export class SendFailure extends Error {
  constructor(
    readonly smtpError: Error & { responseCode?: number; code?: string },
    readonly bodyStarted: boolean,
  ) {
    super(smtpError.message);
    this.name = 'SendFailure';
  }
}

export interface SmtpTarget {
  host: string;
  port: number;
  /** TLS from the first byte (smtps, port 465); otherwise STARTTLS when offered. */
  secure: boolean;
  /** Refuse to log in or send without TLS (STARTTLS must be offered). */
  requireTls: boolean;
  tlsVerify: boolean;
  login: SmtpLogin | null;
}

/**
 * A password (with the AUTH method to use, when the account names one), or `accessToken(renew)`: a token to
 * present, `renew` true when the server refused the last one (mail/oauth2/access-tokens.ts gives `smtpOAuth2`).
 */
export type SmtpLogin = { user: string; password: string; method?: string } | { user: string; accessToken: (renew: boolean) => Promise<string> };

/** OUTGOING_SMTP_URL: `smtp://user:pass@host:port` or `smtps://…`, `?tls_verify=false` for a relay without a certificate worth checking. */
export function relayTarget(relayUrl: string, login?: SmtpLogin): SmtpTarget {
  const url = new URL(relayUrl);
  const credentials = login ?? (url.username ? { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : null);
  return {
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    // Credentials never cross a network in clear: logging in needs TLS (STARTTLS offered), except on this machine.
    requireTls: credentials !== null && !isLoopbackHost(url.hostname),
    // A relay on loopback or a LAN often has no certificate worth checking; STARTTLS is still used when offered.
    tlsVerify: url.searchParams.get('tls_verify') !== 'false' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
    login: credentials,
  };
}

/**
 * A project's own account (SD-91): port 465 speaks TLS at once, any other port must offer STARTTLS — the
 * password never crosses the network in clear — except on this machine (allowed only by
 * CUSTOM_EMAIL_ALLOW_LOOPBACK_SMTP), where there is no network to cross. The same holds for an access
 * token, a bearer credential for the mailbox. `tokens` serves an account with OAuth 2.0 credentials.
 */
export function accountTarget(account: SmtpAccount, tokens: AccessTokens): SmtpTarget {
  const local = isLoopbackHost(account.host);
  return {
    host: account.host,
    port: account.port,
    secure: account.port === 465,
    requireTls: !local,
    tlsVerify: !local,
    login: loginOf(account, tokens),
  };
}

function loginOf(account: SmtpAccount, tokens: AccessTokens): SmtpLogin {
  const method = account.method === null ? undefined : account.method === 'cram_md5' ? 'CRAM-MD5' : account.method.toUpperCase();
  switch (account.auth.kind) {
    case 'password':
      return { user: account.username, password: account.auth.password, method };
    case 'oauth2':
      return smtpOAuth2(tokens, account.auth.grantId, account.username);
  }
}

/** `timeoutMs`: generous for the relay (a slow relay is normal, a hung one is not). */
export async function sendRaw(target: SmtpTarget, envelope: { from: string; to: string }, raw: string, timeoutMs = 60_000): Promise<string> {
  const connection = new SMTPConnection({
    host: target.host,
    port: target.port,
    secure: target.secure,
    requireTLS: target.requireTls,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    tls: { rejectUnauthorized: target.tlsVerify },
  });
  let bodyStarted = false;
  const body = new Readable({
    read() {
      bodyStarted = true; // nodemailer reads the message only after DATA was answered 354
      this.push(raw);
      this.push(null);
    },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      connection.once('error', reject);
      connection.connect(() => resolve());
    });
    if (target.login) {
      const login = connectionLogin(target.login);
      await new Promise<void>((resolve, reject) => connection.login(login, (error) => (error ? reject(error) : resolve())));
    }
    const info = await new Promise<{ response: string }>((resolve, reject) =>
      connection.send({ from: envelope.from, to: [envelope.to] }, body, (error, result) => (error ? reject(error) : resolve(result as { response: string }))),
    );
    connection.quit();
    return info.response;
  } catch (error) {
    connection.close();
    throw new SendFailure(error as Error, bodyStarted);
  }
}

function connectionLogin(login: SmtpLogin): SMTPConnection.AuthenticationType {
  if ('password' in login) return { user: login.user, pass: login.password, ...(login.method && { method: login.method }) };
  const { user, accessToken } = login;
  // nodemailer's XOAUTH2 token source; `provisionCallback` is asked for each token (renew: the last was refused).
  const oauth2 = new XOAuth2({
    user,
    provisionCallback: (_user: string, renew: boolean, done: (error: Error | null, token?: string) => void) => {
      accessToken(renew).then((token) => done(null, token), done);
    },
  });
  return { user, oauth2 } as SMTPConnection.AuthenticationType;
}
