// Sends one raw message through the configured relay. Reports whether the body had started when a
// failure came, which is what separates "not delivered" from "maybe delivered" (delivery-error.ts).
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

export class SendFailure extends Error {
  constructor(
    readonly smtpError: Error & { responseCode?: number; code?: string },
    readonly bodyStarted: boolean,
  ) {
    super(smtpError.message);
    this.name = 'SendFailure';
  }
}

export interface RelaySettings {
  url: string;
  /** Generous: a slow relay is normal, a hung one is not. */
  timeoutMs?: number;
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
    if (url.username) {
      await new Promise<void>((resolve, reject) =>
        connection.login({ user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }, (error) => (error ? reject(error) : resolve())),
      );
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
