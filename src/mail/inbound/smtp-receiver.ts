// The inbound SMTP listener. Its only duty: make each message durable, then answer.
// - RCPT: 550 for addresses that match none of our address templates, or whose key has none of the key
//   shapes (reply key, `<slug>-<id>-issue-`, `<slug>-<project_key>`, …: domain/reply-key.ts) — RFC 5321
//   §3.3: refuse early, so the sender's MTA reports it and we never accept mail we would have to bounce
//   later. A well-formed key that names nothing is accepted: it is recorded and answered `[Rejected]`.
// - Connections: at most MAX_CONNECTIONS at once and PER_ADDRESS from one client address (421 beyond),
//   each closed after IDLE_TIMEOUT_MS without a command: idle connections cost a socket each.
// - SIZE from MAX_MESSAGE_BYTES; a larger message gets 552.
// - 250 only after the raw message and its processing job are committed; if the commit fails the
//   answer is 451 (RFC 5321 4yz: the sender keeps the message and retries). Nothing is parsed here.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Logger } from 'pino';
import type { Deps } from '../../app/deps.ts';
import { receiveInboundMessage } from '../../app/inbound/receive-inbound-message.ts';
import { addressTemplateMatcher } from '../../domain/address-template.ts';
import { interpretKey } from '../../domain/reply-key.ts';
import { collectYoungGarbage } from '../young-garbage.ts';
import { PieceGatherer } from './piece-gatherer.ts';
import type { Receiver } from './receiver.ts';

export interface ConnectionLimits {
  maxConnections: number;
  perAddress: number;
  idleTimeoutMs: number;
}

/** Generous for a relay in front (Postfix opens up to 20 connections per destination), small for a flood. */
export const CONNECTION_LIMITS: ConnectionLimits = { maxConnections: 500, perAddress: 50, idleTimeoutMs: 60_000 };

export interface SmtpReceiverOptions {
  deps: Deps;
  logger: Logger;
  /** Tests make them small; the listener uses CONNECTION_LIMITS. */
  limits?: ConnectionLimits;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export function createSmtpReceiver({ deps, logger, limits = CONNECTION_LIMITS }: SmtpReceiverOptions): SMTPServer {
  const { config } = deps;
  const main = addressTemplateMatcher(config.incomingEmailAddress);
  const alias = config.serviceDeskAliasAddress ? addressTemplateMatcher(config.serviceDeskAliasAddress) : null;
  const isOurs = (address: string) => {
    const key = main.keyOf(address);
    if (key !== null && interpretKey(key, false).kind !== 'unknown') return true;
    const aliasKey = alias?.keyOf(address) ?? null;
    return aliasKey !== null && interpretKey(aliasKey, true).kind !== 'unknown';
  };
  const log = logger.child({ part: 'smtp' });
  const perAddress = new Map<string, number>();
  const counted = new WeakSet<object>(); // onClose comes for refused connections too
  return new SMTPServer({
    name: 'postdesk',
    banner: 'Postdesk ESMTP',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true, // no DNS here, and a lookup per connection slows every delivery
    size: config.maxMessageBytes,
    logger: false,
    maxClients: limits.maxConnections,
    socketTimeout: limits.idleTimeoutMs,
    onConnect(session, callback) {
      const open = (perAddress.get(session.remoteAddress) ?? 0) + 1;
      if (open > limits.perAddress) return callback(smtpError(421, '4.7.0 Too many connections from your address; try again later'));
      perAddress.set(session.remoteAddress, open);
      counted.add(session);
      callback();
    },
    onClose(session) {
      if (!counted.delete(session)) return;
      const open = (perAddress.get(session.remoteAddress) ?? 1) - 1;
      if (open > 0) perAddress.set(session.remoteAddress, open);
      else perAddress.delete(session.remoteAddress);
    },
    onRcptTo(address, _session, callback) {
      if (isOurs(address.address)) return callback();
      callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
    },
    onData(stream, session, callback) {
      readMessage(stream, config.maxMessageBytes).then(
        async (raw) => {
          if (!raw) return callback(smtpError(552, `5.3.4 Message too big; the limit is ${config.maxMessageBytes} bytes`));
          try {
            const { id } = await receiveInboundMessage(deps, {
              raw,
              channel: 'smtp',
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              // Only stored here: sender verification (SPF) runs in the ingest job, never before our 250.
              client: { ip: session.remoteAddress, helo: session.hostNameAppearsAs || null },
              handOver: true,
            });
            callback(null, `2.0.0 Ok: stored as ${id}`);
          } catch (error) {
            log.error({ err: error }, 'could not store an incoming message; asked the sender to retry');
            callback(smtpError(451, '4.3.0 Could not store the message right now; try again later'));
          }
        },
        (error: unknown) => {
          log.warn({ err: error }, 'incoming message stream failed');
          callback(smtpError(451, '4.3.0 Error while receiving the message; try again later'));
        },
      );
    },
  });
}

/** The listener as one of `serve`'s receivers, on SMTP_LISTEN_HOST:SMTP_LISTEN_PORT. */
export function smtpReceiver(options: SmtpReceiverOptions & { listen: { host: string; port: number } }): Receiver {
  const server = createSmtpReceiver(options);
  server.on('error', (error) => options.logger.error({ err: error }, 'smtp listener error'));
  return {
    name: 'smtp',
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.listen.port, options.listen.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    describe() {
      const address = server.server.address() as AddressInfo;
      return `Inbound SMTP:  ${address.address}:${address.port}  (addresses like ${options.deps.config.incomingEmailAddress})`;
    },
  };
}

/**
 * The whole message in pieces of 1 MiB (the last shorter), as they are stored: a large mail is never joined
 * into one Buffer here. Null when it exceeded the size limit (smtp-server keeps reading so it can answer).
 */
async function readMessage(stream: SMTPServerDataStream, limit: number): Promise<Buffer[] | null> {
  const gatherer = new PieceGatherer();
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) gatherer.add(chunk);
  }
  // Thousands of dead 64 KiB chunks would otherwise stay until ~64 MB of them pile up (young-garbage.ts).
  if (size >= LARGE_MAIL_BYTES) collectYoungGarbage();
  return stream.sizeExceeded || size > limit ? null : gatherer.finish();
}

/** From this size on, a received mail's dead chunks are collected at once. */
const LARGE_MAIL_BYTES = 4 * 1_048_576;
