// Mail through the real pipeline without a socket: stored as the SMTP listener stores it (the same use case,
// so durable before any answer), then processed by the ingest job as the worker runs it. For tests that feed
// thousands of mails (corpora, fuzz), where SMTP adds only time.
import { receiveInboundMessage } from '../../src/app/inbound/receive-inbound-message.ts';
import type { InboundMessageRow } from '../../src/db/schema/inbound-messages.ts';
import type { JobRow } from '../../src/db/schema/jobs.ts';
import { ingestJobHandler } from '../../src/mail/inbound/ingest-job.ts';
import type { TestApp } from './test-app.ts';

export type Outcome = Pick<InboundMessageRow, 'id' | 'state' | 'reason' | 'error' | 'ticket_id' | 'note_id' | 'matched_by' | 'subject'>;

/** Stores and processes one raw mail; answers how it ended. The job runs as its first of five attempts. */
export function inProcessMail(t: TestApp): (raw: Buffer, envelope: { from?: string; to: string[] }) => Promise<Outcome> {
  const handler = ingestJobHandler(t.ctx);
  return async (raw, envelope) => {
    const { id } = await receiveInboundMessage(t.ctx, { raw, channel: 'smtp', envelopeFrom: envelope.from ?? 'sender@example.com', envelopeTo: envelope.to });
    await handler.run({ inboundMessageId: id }, { attempts: 1, max_attempts: 5 } as JobRow);
    return t.ctx.db.db
      .selectFrom('inbound_messages')
      .select(['id', 'state', 'reason', 'error', 'ticket_id', 'note_id', 'matched_by', 'subject'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  };
}
