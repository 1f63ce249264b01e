// A real SMTP server on a loopback port that keeps what it is sent: the far side of our outbound mail.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SunkMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  url: string;
  port: number;
  mails: SunkMail[];
  /** Resolves once `count` mails arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<SunkMail[]>;
  /** What to answer the next DATA: 'ok', a reply code to fail with, or 'hang' to never answer. */
  behaviour: { next: 'ok' | number | 'hang' };
  /** Called with each mail as it is kept: the far side answering, as an autoresponder does. */
  onMail: ((mail: SunkMail) => void) | null;
  /** How many SMTP connections clients opened so far. */
  connections(): number;
  /** Ends every open session, as a server does when idle sessions time out. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const waiters = new Set<() => void>();
  const behaviour: SmtpSink['behaviour'] = { next: 'ok' };
  let opened = 0;
  const server = new SMTPServer({
    onConnect(_session, callback) {
      opened++;
      callback();
    },
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const mode = behaviour.next;
        if (mode === 'hang') return; // never answer: the client's timeout fires after the body was sent
        if (typeof mode === 'number') return callback(Object.assign(new Error(`${mode} refused by the test sink`), { responseCode: mode }));
        const raw = Buffer.concat(chunks);
        const mail = {
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          parsed: await simpleParser(raw),
        };
        mails.push(mail);
        sink.onMail?.(mail);
        for (const w of waiters) w();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const sink: SmtpSink = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    behaviour,
    onMail: null,
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (mails.length < count) return;
          cleanup();
          resolve(mails.slice(0, count));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`expected ${count} mails at the sink, got ${mails.length}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    connections: () => opened,
    dropConnections: () => {
      for (const connection of server.connections) connection.close();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return sink;
}
