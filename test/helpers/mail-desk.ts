// The service desk with its mail parts running for real: the SMTP listener on a loopback port (mail in,
// sent with nodemailer), the job worker, and delivery to an SMTP sink (mail out).
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { pino } from 'pino';
import type { RawEnv } from '../../src/config/env.ts';
import type { DnsResolve } from '../../src/mail/dns-resolver.ts';
import { startContextWorker } from '../../src/job-handlers.ts';
import type { Worker } from '../../src/jobs/worker.ts';
import { createSmtpReceiver } from '../../src/mail/inbound/smtp-receiver.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import { startTestApp, type TestApp } from './test-app.ts';

export interface MailDesk extends TestApp {
  sink: SmtpSink;
  smtpPort: number;
  worker: Worker;
  /** Sends a mail into the desk over SMTP; resolves with the SMTP answer. */
  send(mail: Mail.Options): Promise<{ response: string }>;
  /** Sends raw bytes as one message. */
  sendRaw(raw: string | Buffer, envelope: { from: string; to: string[] }): Promise<{ response: string }>;
  /** Waits until the worker has nothing due. */
  settle(): Promise<void>;
}

export const DESK_DOMAIN = 'desk.test';

export async function startMailDesk(options: { env?: RawEnv; relay?: boolean; clock?: () => Date; dns?: DnsResolve } = {}): Promise<MailDesk> {
  const sink = await startSmtpSink();
  const t = await startTestApp({
    env: {
      INCOMING_EMAIL_ADDRESS: `support+%{key}@${DESK_DOMAIN}`,
      PUBLIC_URL: 'http://desk.test',
      ...(options.relay !== false && { OUTGOING_SMTP_URL: sink.url }),
      ...options.env,
    },
    clock: options.clock,
    dns: options.dns,
  });
  const receiver = createSmtpReceiver({ deps: t.ctx, logger: pino({ level: 'silent' }) });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const smtpPort = (receiver.server.address() as AddressInfo).port;
  const worker = startContextWorker(t.ctx, { pollMs: 100, deliveryTimeoutMs: 1500 });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: false });

  return {
    ...t,
    sink,
    smtpPort,
    worker,
    send: (mail) => transport.sendMail(mail),
    sendRaw: (raw, envelope) => transport.sendMail({ envelope, raw }),
    async settle() {
      // Twice: a job may enqueue another (ingest → delivery) that becomes due as the first finishes.
      await worker.idle();
      await worker.idle();
    },
    async close() {
      transport.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await worker.stop();
      await sink.close();
      await t.close();
    },
  };
}
