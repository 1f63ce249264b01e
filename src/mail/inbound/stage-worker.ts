// The worker thread's side of stage-workers.ts: runs the pure parse, authenticate and convert stages on what
// it is sent. Buffers go back transferred, not copied: the raw message (lent by the caller) and each attachment.
import { parentPort } from 'node:worker_threads';
import { networkMatcher } from '../../config/cidr.ts';
import { piecesOf } from '../../db/pieces.ts';
import { resolverOverPort } from '../dns-over-port.ts';
import { answerTasks, ownedBytes } from '../worker-pool.ts';
import { authenticateMessage } from './authenticate.ts';
import { contentSha256 } from './content-sha256.ts';
import { convertBody } from './convert.ts';
import { parseMessage } from './parse.ts';
import type { ParsedMessage } from './parsed-message.ts';
import type { SenderCheckTask, StageTask } from './stage-workers.ts';
import { verifySender } from './verify-sender.ts';

answerTasks(parentPort!, async (task, { restartClock }) => {
  const stage = task as StageTask;
  if (stage.stage === 'convert') return { value: convertBody(stage.message, stage.options) };
  const raw = stage.raw.map((piece) => Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
  const message = await parseMessage(raw);
  const sameMail = contentSha256(raw, message.headers);
  let authentication = null;
  if (stage.check) {
    // The sender check waits on DNS: it gets a clock of its own, so a slow name server costs a temperror
    // (authenticate.ts), not the parse's budget.
    restartClock();
    authentication = await checkSender(raw, message, stage.check);
  }
  // Each file's pieces go back transferred with the raw pieces, so the bytes cross the thread without a copy.
  const attachments = message.attachments.map((attachment) => ({ ...attachment, content: piecesOf(attachment.content).map(ownedBytes) }));
  const transfer = [...stage.raw, ...attachments.flatMap((attachment) => attachment.content)].map((piece) => piece.buffer);
  return {
    value: { message: { ...message, attachments }, raw: stage.raw, contentSha256: sameMail, authentication },
    transfer: [...new Set(transfer)],
  };
});

async function checkSender(raw: Buffer[], message: ParsedMessage, check: SenderCheckTask) {
  const resolver = resolverOverPort(check.dns);
  const isTrustedRelay = networkMatcher(check.trustedRelayNetworks);
  try {
    return await authenticateMessage(raw, message, check.facts, {
      trustedAuthservId: check.trustedAuthservId,
      isTrustedRelay,
      verify: (bytes, smtp) => withinTime(verifySender(bytes, smtp, { resolver, mta: check.mta }), check.timeoutMs),
    });
  } finally {
    check.dns.close();
  }
}

/** The answer, or a rejection once `ms` have passed (the waiting promise is left to settle on its own). */
function withinTime<T>(answer: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the sender check took longer than ${ms} ms`)), ms);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
