// Runs the stages that read a mail's content — parse (mailparser) with the sender check (mailauth hashes the
// whole body for DKIM), and convert (HTML → Markdown, reply trimming) — in worker threads, off the event
// loop, within PARSE_TIMEOUT_MS and PARSE_MEMORY_MB. Parse and the sender check are one task: the mail's bytes
// cross to a worker once (lent, not copied) and come back with the parsed message and the verdict. The stages
// stay pure functions (parse.ts, authenticate.ts, convert.ts, tested against corpora); this is only where they
// run. A parse or convert over budget rejects with ParseBudgetExceeded, whose reason the ingest job records.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { piecesOf, type RawBytes } from '../../app/inbound/raw-message.ts';
import type { Config } from '../../config/config.ts';
import type { Cidr } from '../../config/cidr.ts';
import type { MailAuthentication } from '../../domain/mail-authentication.ts';
import { answerDnsQuestions } from '../dns-over-port.ts';
import type { DnsResolve } from '../dns-resolver.ts';
import { createWorkerPool, ownedBytes, WorkerBudgetExceeded } from '../worker-pool.ts';
import type { ReceivedFacts } from './authenticate.ts';
import type { ConvertedBody, ConvertOptions } from './convert.ts';
import type { ParsedMessage } from './parsed-message.ts';

/** What the worker needs to check a sender: how the mail came, and whom the operator trusts to have checked it. */
export interface SenderCheckTask {
  facts: ReceivedFacts;
  trustedAuthservId: string | null;
  trustedRelayNetworks: readonly Cidr[];
  mta: string;
  /** Bounds the check's DNS waits: past it the verdict is temperror. */
  timeoutMs: number;
  dns: MessagePort;
}

export type StageTask =
  | { stage: 'read'; raw: Uint8Array<ArrayBuffer>[]; check: SenderCheckTask | null }
  | { stage: 'convert'; message: Pick<ParsedMessage, 'text' | 'html'>; options: ConvertOptions };

export interface ReadMessage {
  message: ParsedMessage;
  /** The pieces that were lent, given back. */
  raw: Buffer[];
  /** "The same mail" (content-sha256.ts), hashed where the bytes are. */
  contentSha256: string;
  /** The sender verdict, when one was asked for. */
  authentication: MailAuthentication | null;
}

export interface StageWorkers {
  /**
   * Parses `raw`, whose pieces are lent to the worker (use the `raw` returned; the ones passed in are
   * emptied), and checks its sender when `facts` are given; the check's DNS questions come back to this
   * thread's resolver.
   */
  read(raw: RawBytes, facts: ReceivedFacts | null): Promise<ReadMessage>;
  convert(message: Pick<ParsedMessage, 'text' | 'html'>, options: ConvertOptions): Promise<ConvertedBody>;
  close(): Promise<void>;
}

export type ParseBudgetReason = 'parse_timeout' | 'parse_memory';

export class ParseBudgetExceeded extends Error {
  constructor(
    readonly reason: ParseBudgetReason,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'ParseBudgetExceeded';
  }
}

const WORKER_SCRIPT = new URL(`./stage-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

export interface SenderCheck {
  resolver: DnsResolve;
  /** Our host name, named in mailauth's comments. */
  mta: string;
}

type StageConfig = Pick<Config, 'parseTimeoutMs' | 'parseMemoryMb' | 'trustedAuthservId' | 'trustedRelayNetworks'>;

export function createStageWorkers(config: StageConfig, senderCheck: SenderCheck): StageWorkers {
  const pool = createWorkerPool({ script: WORKER_SCRIPT, timeoutMs: config.parseTimeoutMs, memoryMb: config.parseMemoryMb });
  const run = async <T>(task: StageTask, transfer: Array<ArrayBuffer | MessagePort> = []): Promise<T> => {
    try {
      return await pool.run<T>(task, transfer);
    } catch (error) {
      if (!(error instanceof WorkerBudgetExceeded)) throw error;
      throw error.reason === 'timeout'
        ? new ParseBudgetExceeded('parse_timeout', `reading the mail ${error.message} (PARSE_TIMEOUT_MS)`)
        : new ParseBudgetExceeded('parse_memory', `reading the mail ${error.message} (PARSE_MEMORY_MB)`);
    }
  };
  return {
    async read(raw, facts) {
      const lent = piecesOf(raw).map(ownedBytes);
      const dns = facts ? new MessageChannel() : null;
      if (dns) answerDnsQuestions(dns.port1, senderCheck.resolver);
      const check: SenderCheckTask | null =
        facts && dns
          ? {
              facts,
              trustedAuthservId: config.trustedAuthservId,
              trustedRelayNetworks: config.trustedRelayNetworks,
              mta: senderCheck.mta,
              // Half the worker's clock, which restarts for the check: a slow name server ends in temperror
              // well before the pool would count the mail over budget.
              timeoutMs: Math.max(1, Math.floor(config.parseTimeoutMs / 2)),
              dns: dns.port2,
            }
          : null;
      try {
        const transfer = [...new Set(lent.map((piece) => piece.buffer))];
        const read = await run<Omit<ReadMessage, 'raw'> & { raw: Uint8Array[] }>(
          { stage: 'read', raw: lent, check },
          dns ? [...transfer, dns.port2] : transfer,
        );
        // Structured cloning hands back plain Uint8Arrays; the stages and use cases expect Buffers (same memory).
        const attachments = read.message.attachments.map((attachment) => ({
          ...attachment,
          content: (attachment.content as unknown as Uint8Array[]).map(asBuffer),
        }));
        return { ...read, message: { ...read.message, attachments }, raw: read.raw.map(asBuffer) };
      } finally {
        dns?.port1.close();
      }
    },
    async convert(message, options) {
      const converted = await run<ConvertedBody>({ stage: 'convert', message: { text: message.text, html: message.html }, options });
      const files = converted.files.map((file) => ({ ...file, content: asBuffer(file.content as Buffer) }));
      return { ...converted, files };
    },
    close: () => pool.close(),
  };
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
