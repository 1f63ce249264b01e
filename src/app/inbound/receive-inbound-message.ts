// The one duty of every receiver (SMTP, IMAP, HTTP, CLI): make the raw message durable, with the job that
// will process it, in one transaction. Only after this returns may the receiver acknowledge the mail.
import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import type { InboundChannel } from '../../db/schema/inbound-messages.ts';
import { enqueueJob } from '../../db/job-store.ts';
import type { Deps } from '../deps.ts';

export const INGEST_JOB = 'ingest_inbound';

export interface ReceivedMessage {
  raw: Buffer;
  channel: InboundChannel;
  envelopeFrom?: string | null;
  envelopeTo?: string[];
}

export async function receiveInboundMessage(deps: Deps, message: ReceivedMessage): Promise<{ id: number }> {
  if (message.raw.length > deps.config.maxMessageBytes) {
    throw new DomainError('too_large', `The message is ${message.raw.length} bytes; the limit is ${deps.config.maxMessageBytes}`);
  }
  const now = deps.clock();
  return deps.db.transaction(
    async ({ trx, onCommit }) => {
      const row = await trx
        .insertInto('inbound_messages')
        .values({
          channel: message.channel,
          raw: message.raw,
          raw_sha256: createHash('sha256').update(message.raw).digest('hex'),
          size: message.raw.length,
          envelope_from: message.envelopeFrom ?? null,
          envelope_to: JSON.stringify(message.envelopeTo ?? []),
          message_id: null,
          from_address: null,
          to_addresses: null,
          subject: null,
          state: 'received',
          reason: null,
          error: null,
          project_id: null,
          ticket_id: null,
          note_id: null,
          matched_by: null,
          received_at: now.toISOString(),
          processed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueueJob(trx, { kind: INGEST_JOB, payload: { inboundMessageId: row.id } }, now);
      onCommit(() => deps.jobBell.ring());
      return { id: row.id };
    },
    { durable: true },
  ); // the sender deletes its copy on our 250
}
