// Reads one IMAP mailbox for as long as this process holds its lock: connect, open the folder, take what
// is waiting (take-new-mail.ts), then IDLE; the server's EXISTS wakes a sweep at once (push, about half a
// second after delivery), and a sweep every `sweepEveryMs` catches anything IDLE missed. A dropped
// connection reconnects with exponential backoff and jitter; wrong credentials are recorded on the mailbox
// (GET /mailboxes) and retried slowly. Nothing here may throw out of the loop: a mailbox's trouble is its
// own, never the process's.
// A mailbox with OAuth 2.0 credentials signs in with XOAUTH2 (imapflow prefers OAUTHBEARER when offered),
// asking ctx.oauth2 for a token at each connection, so a reconnection (also the one a provider forces when a
// token expires, as Microsoft 365 does) gets a fresh one. A token the server refuses is never used again:
// the next attempt refreshes. A refresh the token endpoint refuses is the mailbox's last_error.
import type { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import { isoNow, type Deps } from '../../../app/deps.ts';
import { recordMailboxState, type MailboxToRead } from '../../../app/mailboxes/mailbox-readers.ts';
import { retryDelayMs } from '../../../jobs/backoff.ts';
import type { AccessTokens } from '../../oauth2/access-tokens.ts';
import { takeNewMail } from './take-new-mail.ts';

export interface ReaderTimings {
  /** How often the folder is swept even without an EXISTS from IDLE. */
  sweepEveryMs: number;
  /** How often `heartbeat_at` is refreshed while connected. */
  heartbeatEveryMs: number;
  /** The first reconnection waits about this long; each later one twice as long, up to `reconnectCapMs`. */
  reconnectBaseMs: number;
  reconnectCapMs: number;
}

export const DEFAULT_READER_TIMINGS: ReaderTimings = { sweepEveryMs: 30_000, heartbeatEveryMs: 5_000, reconnectBaseMs: 1_000, reconnectCapMs: 300_000 };

export interface MailboxReader {
  readonly mailbox: MailboxToRead;
  stop(): Promise<void>;
}

export function startMailboxReader(
  deps: Deps & { oauth2: AccessTokens },
  mailbox: MailboxToRead,
  logger: Logger,
  timings: ReaderTimings = DEFAULT_READER_TIMINGS,
): MailboxReader {
  const log = logger.child({ mailbox: mailbox.id });
  let stopped = false;
  let client: ImapFlow | null = null;
  let wakeFromBackoff: () => void = () => {};
  /** Set once a session has swept: the backoff then starts again from its first step. */
  let sweptThisSession = false;
  /** The access token the server refused last; the next connection asks for another. */
  let refusedToken: string | undefined;
  const record = (state: Parameters<typeof recordMailboxState>[2]) =>
    recordMailboxState(deps, mailbox.id, state).catch((error: unknown) => log.warn({ err: error }, 'could not record the mailbox state'));

  async function session(): Promise<void> {
    const grantId = mailbox.oauth2GrantId;
    const accessToken = grantId === null ? null : await deps.oauth2.get(grantId, { refused: refusedToken });
    // Loaded when the first mailbox connects: a server without one need not hold the IMAP client in memory.
    const { ImapFlow } = await import('imapflow');
    const imap = new ImapFlow({
      host: mailbox.account.host,
      port: mailbox.account.port,
      secure: mailbox.account.secure,
      auth: accessToken === null ? { user: mailbox.account.user, pass: mailbox.account.password } : { user: mailbox.account.user, accessToken },
      logger: false,
      // We choose when to IDLE: right after each sweep, not after imapflow's 15 s of quiet.
      disableAutoIdle: true,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
    });
    client = imap;
    let failure: unknown = null;
    imap.on('error', (error: unknown) => (failure ??= error)); // an unhandled 'error' would end the process
    const closed = new Promise<void>((resolve) => imap.once('close', () => resolve()));
    try {
      await imap.connect();
      refusedToken = undefined;
      // The folder taken mail moves to is made when missing (an existing one answers ALREADYEXISTS, which is fine).
      if (mailbox.moveTo) await imap.mailboxCreate(mailbox.moveTo).catch(() => {});
      await imap.mailboxOpen(mailbox.account.mailbox);
    } catch (error) {
      imap.close();
      if (accessToken !== null && (error as { authenticationFailed?: boolean }).authenticationFailed) {
        refusedToken = accessToken;
        throw Object.assign(error as Error, { oauth2: true });
      }
      throw error;
    }
    if (stopped) {
      imap.close();
      return;
    }
    await record({ connected: 1, heartbeat_at: isoNow(deps) });
    log.info({ url: mailbox.account.host }, 'IMAP mailbox connected');

    let sweeping: Promise<void> | null = null;
    let again = false;
    const sweep = (): Promise<void> => {
      if (sweeping) {
        again = true;
        return sweeping;
      }
      sweeping = (async () => {
        do {
          again = false;
          const result = await takeNewMail(deps, imap, mailbox, () => stopped);
          sweptThisSession = true;
          await record({ backlog: result.left, last_error: null });
        } while (again && !stopped);
      })().finally(() => {
        sweeping = null;
        // Between sweeps the connection waits in IDLE (RFC 2177); the next command ends it.
        if (!stopped && imap.usable) imap.idle().catch(() => {});
      });
      return sweeping;
    };
    const sweepOrDrop = () =>
      sweep().catch((error: unknown) => {
        log.debug({ err: error }, 'sweep failed; reconnecting');
        failure ??= error;
        imap.close(); // reconnect: a fresh session sweeps again, and whatever was committed is recognised
      });
    imap.on('exists', () => void sweepOrDrop());
    const sweepTimer = setInterval(() => void sweepOrDrop(), timings.sweepEveryMs);
    const heartbeat = setInterval(() => void record({ heartbeat_at: isoNow(deps) }), timings.heartbeatEveryMs);
    await sweepOrDrop();
    await closed;
    log.debug('IMAP connection closed');
    clearInterval(sweepTimer);
    clearInterval(heartbeat);
    await sweeping;
    if (failure && !stopped) throw failure;
  }

  const running = (async () => {
    let attempt = 0;
    while (!stopped) {
      sweptThisSession = false;
      try {
        await session();
      } catch (error) {
        if (stopped) break;
        const message = describeFailure(error);
        log.warn({ err: error }, `IMAP mailbox: ${message}`);
        await record({ connected: 0, last_error: message, last_error_at: isoNow(deps) });
      }
      client = null;
      if (stopped) break;
      await record({ connected: 0 });
      attempt = sweptThisSession ? 1 : attempt + 1;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryDelayMs(attempt, Math.random, timings.reconnectBaseMs, timings.reconnectCapMs));
        wakeFromBackoff = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();

  return {
    mailbox,
    async stop() {
      stopped = true;
      wakeFromBackoff();
      const open = client;
      if (open) await open.logout().catch(() => open.close());
      await running;
      await record({ connected: 0 });
    },
  };
}

/** A sentence for the mailbox's last error: what the server said, never the password. */
function describeFailure(error: unknown): string {
  const e = error as { authenticationFailed?: boolean; oauth2?: boolean; responseText?: string; code?: string; message?: string };
  if (e.authenticationFailed && e.oauth2)
    return `authentication failed${e.responseText ? `: ${e.responseText}` : ''} (the server refused the OAuth 2.0 access token; the next attempt gets a new one)`;
  if (e.authenticationFailed) return `authentication failed${e.responseText ? `: ${e.responseText}` : ''} (check the user and password)`;
  if (e.responseText) return `the server refused: ${e.responseText}`;
  if (e.code) return `connection failed: ${e.code}${e.message ? ` (${e.message})` : ''}`;
  return e.message ?? String(error);
}
