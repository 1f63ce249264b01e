// Sends one raw message to one SMTP server: the instance relay or a project's own account. Reports
// whether the body had started when a failure came, which is what separates "not delivered" from "maybe
// delivered" (delivery-error.ts). How an account logs in is turned into SMTP here, and only here: a
// password, or an OAuth 2.0 access token sent with AUTH XOAUTH2 (Microsoft 365 and Gmail refuse passwords);
// a token the server refuses is asked for again once, as renewed, within the same connection.
import { Readable } from 'node:stream';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type XOAuth2 from 'nodemailer/lib/xoauth2';
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

/** `timeoutMs`: generous for the relay (a slow relay is normal, a hung one is not). One connection, closed after. */
export async function sendRaw(target: SmtpTarget, envelope: Envelope, raw: string, timeoutMs = 60_000): Promise<string> {
  const connection = await open(target, timeoutMs);
  const attempt = sendOn(connection, envelope, raw);
  try {
    const response = await attempt.response;
    connection.quit();
    return response;
  } catch (error) {
    connection.close();
    throw new SendFailure(error as Error, attempt.bodyStarted());
  }
}

type Envelope = { from: string; to: string };

/** How many connections to the relay stay open between mails, and for how long, and how many mails each carries. */
const POOL_IDLE_CONNECTIONS = 8;
const POOL_IDLE_MS = 10_000;
const POOL_MESSAGES_PER_CONNECTION = 100;

/**
 * Connections to one server kept open between messages: the instance relay carries every thank-you and
 * comment, and opening a connection for each cost a TCP (and TLS) handshake, the greeting (smtp-server waits
 * 100 ms before it) and the login — about 130 ms a mail, which capped delivery at ~30 mails/s. A connection
 * goes back to the pool after a message went through; one the server dropped while it was idle fails before
 * any of the next message was sent, which then goes out once more over a new connection.
 */
export class SmtpConnectionPool {
  private readonly idle: Array<{ connection: SMTPConnection; messages: number; closeTimer: NodeJS.Timeout }> = [];
  private closed = false;

  constructor(private readonly target: SmtpTarget) {}

  async send(envelope: Envelope, raw: string, timeoutMs = 60_000): Promise<string> {
    for (;;) {
      const reused = this.take();
      const entry = reused ?? { connection: await this.open(timeoutMs), messages: 0 };
      const attempt = sendOn(entry.connection, envelope, raw);
      try {
        const response = await attempt.response;
        this.giveBack(entry.connection, entry.messages + 1);
        return response;
      } catch (error) {
        entry.connection.close();
        if (reused && !attempt.bodyStarted() && droppedWhileIdle(error)) continue; // nothing of this mail went out
        throw new SendFailure(error as Error, attempt.bodyStarted());
      }
    }
  }

  /** Closes the idle connections; later sends open and close their own. */
  close(): void {
    this.closed = true;
    for (const { connection, closeTimer } of this.idle.splice(0)) {
      clearTimeout(closeTimer);
      connection.quit();
    }
  }

  private async open(timeoutMs: number): Promise<SMTPConnection> {
    const connection = await open(this.target, timeoutMs);
    // The server may end a session while it waits here (its idle timeout): forget it then.
    connection.once('end', () => {
      const entry = this.idle.find((e) => e.connection === connection);
      if (entry) this.drop(entry, false);
    });
    return connection;
  }

  private take() {
    const entry = this.idle.pop();
    if (entry) clearTimeout(entry.closeTimer);
    return entry;
  }

  private giveBack(connection: SMTPConnection, messages: number): void {
    if (this.closed || messages >= POOL_MESSAGES_PER_CONNECTION || this.idle.length >= POOL_IDLE_CONNECTIONS) {
      connection.quit();
      return;
    }
    const entry = { connection, messages, closeTimer: setTimeout(() => this.drop(entry, true), POOL_IDLE_MS) };
    entry.closeTimer.unref();
    this.idle.push(entry);
  }

  private drop(entry: (typeof this.idle)[number], quit: boolean): void {
    const at = this.idle.indexOf(entry);
    if (at < 0) return;
    this.idle.splice(at, 1);
    clearTimeout(entry.closeTimer);
    if (quit) entry.connection.quit();
  }
}

/** A kept connection the server closed meanwhile fails with no reply at all, or a 421 (closing). */
const droppedWhileIdle = (error: unknown) => {
  const code = (error as { responseCode?: number }).responseCode;
  return code === undefined || code === 421;
};

/** nodemailer's SMTP client, loaded with the first connection: an idle server does not hold it (issue 10). */
const smtpClient = async () => ({
  Connection: (await import('nodemailer/lib/smtp-connection')).default as typeof SMTPConnection,
  XOAuth2: (await import('nodemailer/lib/xoauth2')).default as typeof XOAuth2,
});

/** A connection greeted and logged in (when the target has a login). */
async function open(target: SmtpTarget, timeoutMs: number): Promise<SMTPConnection> {
  const client = await smtpClient();
  const connection = new client.Connection({
    host: target.host,
    port: target.port,
    secure: target.secure,
    requireTLS: target.requireTls,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    tls: { rejectUnauthorized: target.tlsVerify },
  });
  // nodemailer emits a failure as 'error' as well as to the pending command: never let it go unheard.
  connection.on('error', () => {});
  try {
    await new Promise<void>((resolve, reject) => {
      connection.once('error', reject); // a refused or failed connection is only emitted
      connection.connect((error?: Error) => (error ? reject(error) : resolve()));
    });
    if (target.login) {
      const login = connectionLogin(target.login, client.XOAuth2);
      await new Promise<void>((resolve, reject) => connection.login(login, (error) => (error ? reject(error) : resolve())));
    }
    return connection;
  } catch (error) {
    connection.close();
    throw new SendFailure(error as Error, false);
  }
}

/** One message over an open connection; `bodyStarted` says whether the server asked for its body (354). */
function sendOn(connection: SMTPConnection, envelope: Envelope, raw: string) {
  let bodyStarted = false;
  const body = new Readable({
    read() {
      bodyStarted = true; // nodemailer reads the message only after DATA was answered 354
      this.push(raw);
      this.push(null);
    },
  });
  const response = new Promise<string>((resolve, reject) =>
    connection.send({ from: envelope.from, to: [envelope.to] }, body, (error, result) =>
      error ? reject(error) : resolve((result as { response: string }).response),
    ),
  );
  return { response, bodyStarted: () => bodyStarted };
}

function connectionLogin(login: SmtpLogin, TokenSource: typeof XOAuth2): SMTPConnection.AuthenticationType {
  if ('password' in login) return { user: login.user, pass: login.password, ...(login.method && { method: login.method }) };
  const { user, accessToken } = login;
  // nodemailer's XOAUTH2 token source; `provisionCallback` is asked for each token (renew: the last was refused).
  const oauth2 = new TokenSource({
    user,
    provisionCallback: (_user: string, renew: boolean, done: (error: Error | null, token?: string) => void) => {
      accessToken(renew).then((token) => done(null, token), done);
    },
  });
  return { user, oauth2 } as SMTPConnection.AuthenticationType;
}
