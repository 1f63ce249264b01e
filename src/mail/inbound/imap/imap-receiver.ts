// The IMAP receiver: reads every mailbox in `mailboxes` (the instance's IMAP_URL and projects' own) that
// this process wins. Every `electEveryMs` it looks at the table: for a mailbox no one reads it tries the
// mailbox's lock (db/locks.ts: a PostgreSQL advisory lock, so across all processes exactly one reads it)
// and starts a reader; a reader whose mailbox was removed or changed, or whose lock was lost, is stopped.
// When the reading process dies, its lock goes with its connection and another process takes the mailbox
// at its next look — within `electEveryMs` plus a connection.
import type { Logger } from 'pino';
import { mailboxesToRead, syncInstanceMailbox, type MailboxToRead } from '../../../app/mailboxes/mailbox-readers.ts';
import type { Context } from '../../../context.ts';
import type { HeldLock } from '../../../db/locks.ts';
import type { Receiver } from '../receiver.ts';
import { DEFAULT_READER_TIMINGS, startMailboxReader, type MailboxReader, type ReaderTimings } from './mailbox-reader.ts';

export interface ImapReceiverOptions {
  electEveryMs?: number;
  timings?: Partial<ReaderTimings>;
  logger?: Logger;
}

export const DEFAULT_ELECT_EVERY_MS = 3_000;

export interface ImapReceiver extends Receiver {
  /** Ids of the mailboxes this process reads now. */
  mailboxesRead(): number[];
}

export function imapReceiver(ctx: Context, options: ImapReceiverOptions = {}): ImapReceiver {
  const log = (options.logger ?? ctx.logger).child({ part: 'imap' });
  const timings = { ...DEFAULT_READER_TIMINGS, ...options.timings };
  const electEveryMs = options.electEveryMs ?? DEFAULT_ELECT_EVERY_MS;
  const reading = new Map<number, { reader: MailboxReader; lock: HeldLock }>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let looking: Promise<void> = Promise.resolve();

  const letGo = async (id: number) => {
    const held = reading.get(id);
    if (!held) return;
    reading.delete(id);
    await held.reader.stop();
    await held.lock.release();
  };

  async function look(): Promise<void> {
    const wanted = await mailboxesToRead(ctx);
    const byId = new Map(wanted.map((m) => [m.id, m]));
    for (const [id, held] of reading) {
      const now = byId.get(id);
      if (!now || held.lock.lost.aborted || !sameMailbox(now, held.reader.mailbox)) await letGo(id);
    }
    for (const mailbox of wanted) {
      if (stopped || reading.has(mailbox.id)) continue;
      const lock = await ctx.locks.tryAcquire(`imap-mailbox:${mailbox.identity}`);
      if (!lock) continue;
      reading.set(mailbox.id, { reader: startMailboxReader(ctx, mailbox, log, timings), lock });
      // Another process may hold the mailbox from now on: stop reading at once.
      lock.lost.addEventListener('abort', () => {
        log.warn({ mailbox: mailbox.id }, 'lost the lock of an IMAP mailbox; another process may read it now');
        void letGo(mailbox.id);
      });
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      looking = look()
        .catch((error: unknown) => log.warn({ err: error }, 'could not look for IMAP mailboxes to read'))
        .finally(schedule);
    }, electEveryMs);
  };

  return {
    name: 'imap',
    async start() {
      await syncInstanceMailbox(ctx);
      looking = look().catch((error: unknown) => log.warn({ err: error }, 'could not look for IMAP mailboxes to read'));
      await looking;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await looking;
      await Promise.all([...reading.keys()].map(letGo));
    },
    mailboxesRead: () => [...reading.keys()],
    describe() {
      const count = reading.size;
      return ctx.config.imap || count
        ? `IMAP mailboxes: ${count} read by this process (IDLE)${ctx.config.imap ? `; IMAP_URL is ${ctx.config.imap.account.user}@${ctx.config.imap.account.host}` : ''}`
        : 'IMAP mailboxes: none (set IMAP_URL, or POST /api/v1/projects/:id/mailboxes)';
    },
  };
}

const sameMailbox = (a: MailboxToRead, b: MailboxToRead) =>
  a.identity === b.identity &&
  a.moveTo === b.moveTo &&
  a.account.password === b.account.password &&
  a.oauth2GrantId === b.oauth2GrantId &&
  a.account.secure === b.account.secure &&
  a.envelopeTo.join() === b.envelopeTo.join();
