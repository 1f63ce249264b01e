// The desk with IMAP mailboxes read for real: a throwaway dovecot (dovecot.ts), the app with its worker and
// SMTP sink (mail-desk.ts), and the IMAP receiver `serve` runs, started and stopped by the test. Quick
// timings (a look every 200 ms, reconnection after ~100 ms) keep the tests short; the periodic sweep is off
// (an hour) unless a test asks, so mail that arrives while connected can only come in through IDLE.
import { pino } from 'pino';
import type { RawEnv } from '../../src/config/env.ts';
import type { DnsResolve } from '../../src/mail/dns-resolver.ts';
import type { ReaderTimings } from '../../src/mail/inbound/imap/mailbox-reader.ts';
import { imapReceiver, type ImapReceiver } from '../../src/mail/inbound/imap/imap-receiver.ts';
import type { Context } from '../../src/context.ts';
import { startDovecot, type Dovecot, type DovecotOptions } from './dovecot.ts';
import { startMailDesk, type MailDesk } from './mail-desk.ts';

export const DESK_ACCOUNT = 'desk@example.test';
export const DESK_PASSWORD = 'correct imap password';

export const QUICK_TIMINGS: Partial<ReaderTimings> = { sweepEveryMs: 3_600_000, heartbeatEveryMs: 500, reconnectBaseMs: 100, reconnectCapMs: 1_000 };

export interface ImapDesk extends MailDesk {
  dovecot: Dovecot;
  /** Starts a receiver (as `serve` does) for this desk's context; stopped with the desk. */
  startReceiver(options?: { ctx?: Context; electEveryMs?: number; timings?: Partial<ReaderTimings> }): Promise<ImapReceiver>;
  /** Resolves with `check()`'s first truthy answer, polling every 50 ms; rejects after `timeoutMs` with `what`. */
  waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs?: number): Promise<T>;
}

export async function startImapDesk(options: { env?: (dovecot: Dovecot) => RawEnv; dns?: DnsResolve; dovecot?: DovecotOptions } = {}): Promise<ImapDesk> {
  const dovecot = await startDovecot(options.dovecot);
  dovecot.account(DESK_ACCOUNT, DESK_PASSWORD);
  const desk = await startMailDesk({ env: options.env?.(dovecot), dns: options.dns });
  const receivers: ImapReceiver[] = [];
  return {
    ...desk,
    dovecot,
    async startReceiver({ ctx = desk.ctx, electEveryMs = 200, timings } = {}) {
      const receiver = imapReceiver(ctx, {
        electEveryMs,
        timings: { ...QUICK_TIMINGS, ...timings },
        logger: pino({ level: process.env.IMAP_TEST_LOG ?? 'silent' }),
      });
      await receiver.start();
      receivers.push(receiver);
      return receiver;
    },
    async waitFor(what, check, timeoutMs = 15_000) {
      const started = Date.now();
      for (;;) {
        const answer = await check();
        if (answer) return answer;
        if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      for (const receiver of receivers.reverse()) await receiver.stop();
      await desk.close();
      await dovecot.close();
    },
  };
}

/** A small mail as a provider's mailbox holds it, CRLF line ends. */
export function rawMail(fields: { to: string; subject: string; messageId: string; from?: string; body?: string; headers?: string[] }): string {
  return [
    `From: ${fields.from ?? 'Customer <customer@example.org>'}`,
    `To: ${fields.to}`,
    `Subject: ${fields.subject}`,
    `Message-ID: ${fields.messageId}`,
    'Date: Mon, 01 Jun 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    ...(fields.headers ?? []),
    '',
    fields.body ?? 'Hello, my printer is on fire.',
    '',
  ].join('\r\n');
}
