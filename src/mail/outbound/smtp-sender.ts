// Sends one raw message through the configured relay. Reports whether the body had started when a
// failure came, which is what separates "not delivered" from "maybe delivered" (delivery-error.ts).
// The relay's login is the user and password of its URL, or `auth`: a password, or an OAuth 2.0 access
// token sent with AUTH XOAUTH2 (Microsoft 365 and Gmail refuse passwords). A token the server refuses is
// asked for again once, as renewed, within the same connection.
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import XOAuth2 from 'nodemailer/lib/xoauth2';

export class SendFailure extends Error {
  constructor(
    readonly smtpError: Error & { responseCode?: number; code?: string },
    readonly bodyStarted: boolean,
  ) {
    super(smtpError.message);
    this.name = 'SendFailure';
  }
}

/**
 * How to sign in, when not by the URL's user and password. `accessToken(renew)`: a token to present;
 * `renew` is true when the server refused the last one (mail/oauth2/access-tokens.ts gives `smtpOAuth2`).
 */
export type SmtpAuth = { user: string; password: string } | { user: string; accessToken: (renew: boolean) => Promise<string> };

export interface RelaySettings {
  url: string;
  /** Generous: a slow relay is normal, a hung one is not. */
  timeoutMs?: number;
  /** Overrides the URL's user and password. */
  auth?: SmtpAuth;
}

export async function sendRaw(relay: RelaySettings, envelope: { from: string; to: string }, raw: string): Promise<string> {
  const url = new URL(relay.url);
  const timeout = relay.timeoutMs ?? 60_000;
  const connection = new SMTPConnection({
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // A relay on loopback or a LAN often has no certificate worth checking; STARTTLS is still used when offered.
    tls: { rejectUnauthorized: url.searchParams.get('tls_verify') !== 'false' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost' },
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
    const login = loginOf(relay.auth ?? (url.username ? { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : null));
    if (login) await new Promise<void>((resolve, reject) => connection.login(login, (error) => (error ? reject(error) : resolve())));
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

function loginOf(auth: SmtpAuth | null): SMTPConnection.AuthenticationType | null {
  if (!auth) return null;
  if ('password' in auth) return { user: auth.user, pass: auth.password };
  const { user, accessToken } = auth;
  // nodemailer's XOAUTH2 token source; `provisionCallback` is asked for each token (renew: the last was refused).
  const oauth2 = new XOAuth2({
    user,
    provisionCallback: (_user: string, renew: boolean, done: (error: Error | null, token?: string) => void) => {
      accessToken(renew).then((token) => done(null, token), done);
    },
  });
  return { user, oauth2 } as SMTPConnection.AuthenticationType;
}
