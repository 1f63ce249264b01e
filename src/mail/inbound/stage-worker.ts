// The worker thread's side of stage-workers.ts: runs the pure parse, convert and verify stages on what it is
// sent. Buffers go back transferred, not copied: the raw message (lent by the caller) and each attachment.
import { parentPort } from 'node:worker_threads';
import { resolverOverPort } from '../dns-over-port.ts';
import { answerTasks, ownedBytes } from '../worker-pool.ts';
import { convertBody } from './convert.ts';
import { parseMessage } from './parse.ts';
import type { StageTask } from './stage-workers.ts';
import { verifySender } from './verify-sender.ts';

answerTasks(parentPort!, async (task) => {
  const stage = task as StageTask;
  if (stage.stage === 'convert') return { value: convertBody(stage.message, stage.options) };
  if (stage.stage === 'verify') {
    try {
      const raw = Buffer.from(stage.raw.buffer, stage.raw.byteOffset, stage.raw.byteLength);
      return { value: await verifySender(raw, stage.smtp, { resolver: resolverOverPort(stage.dns), mta: stage.mta }) };
    } finally {
      stage.dns.close();
    }
  }
  const message = await parseMessage(Buffer.from(stage.raw.buffer, stage.raw.byteOffset, stage.raw.byteLength));
  const attachments = message.attachments.map((attachment) => ({ ...attachment, content: ownedBytes(attachment.content) }));
  return {
    value: { message: { ...message, attachments }, raw: stage.raw },
    transfer: [stage.raw.buffer, ...attachments.map((attachment) => attachment.content.buffer)],
  };
});
