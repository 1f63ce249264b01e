// Runs the stages that read a mail's content — parse (mailparser), convert (HTML → Markdown, reply trimming)
// and the sender check (mailauth hashes the whole body for DKIM) — in worker threads, off the event loop,
// each call within PARSE_TIMEOUT_MS and PARSE_MEMORY_MB. The stages stay pure functions (parse.ts, convert.ts,
// verify-sender.ts, tested against corpora); this is only where they run. A parse or convert over budget
// rejects with ParseBudgetExceeded, whose reason the ingest job records on the message.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Config } from '../../config/config.ts';
import { answerDnsQuestions } from '../dns-over-port.ts';
import type { DnsResolve } from '../dns-resolver.ts';
import { createWorkerPool, ownedBytes, WorkerBudgetExceeded } from '../worker-pool.ts';
import type { ConvertedBody, ConvertOptions } from './convert.ts';
import type { ParsedMessage } from './parsed-message.ts';
import type { SmtpFacts, Verdict } from './verify-sender.ts';

export type StageTask =
  | { stage: 'parse'; raw: Uint8Array<ArrayBuffer> }
  | { stage: 'convert'; message: Pick<ParsedMessage, 'text' | 'html'>; options: ConvertOptions }
  | { stage: 'verify'; raw: Uint8Array<ArrayBuffer>; smtp: SmtpFacts | null; mta: string; dns: MessagePort };

export interface StageWorkers {
  /** Parses `raw`, which is lent to the worker: use the `raw` returned, the one passed in is emptied. */
  parse(raw: Uint8Array): Promise<{ message: ParsedMessage; raw: Buffer }>;
  convert(message: Pick<ParsedMessage, 'text' | 'html'>, options: ConvertOptions): Promise<ConvertedBody>;
  /** The sender check on a copy of `raw`; its DNS questions come back to this thread's resolver. */
  verify(raw: Buffer, smtp: SmtpFacts | null): Promise<Verdict>;
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

export function createStageWorkers(config: Pick<Config, 'parseTimeoutMs' | 'parseMemoryMb'>, senderCheck: SenderCheck): StageWorkers {
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
    async parse(raw) {
      const lent = ownedBytes(raw);
      const parsed = await run<{ message: ParsedMessage; raw: Uint8Array }>({ stage: 'parse', raw: lent }, [lent.buffer]);
      // Structured cloning hands back plain Uint8Arrays; the stages and use cases expect Buffers (same memory).
      const attachments = parsed.message.attachments.map((attachment) => ({ ...attachment, content: asBuffer(attachment.content) }));
      return { message: { ...parsed.message, attachments }, raw: asBuffer(parsed.raw) };
    },
    convert: (message, options) => run<ConvertedBody>({ stage: 'convert', message: { text: message.text, html: message.html }, options }),
    async verify(raw, smtp) {
      const copy = new Uint8Array(raw);
      const { port1, port2 } = new MessageChannel();
      answerDnsQuestions(port1, senderCheck.resolver);
      try {
        return await run<Verdict>({ stage: 'verify', raw: copy, smtp, mta: senderCheck.mta, dns: port2 }, [copy.buffer, port2]);
      } finally {
        port1.close();
      }
    },
    close: () => pool.close(),
  };
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
