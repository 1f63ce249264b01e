// Exactly-once: a message claims its dedupe keys in the transaction that applies it. A second copy
// (same bytes, or same Message-ID to the same project) hits the unique key and is recorded as a duplicate.
import { isUniqueViolation, type Executor } from '../../db/database.ts';
import { DuplicateMessage, type EmailContent } from './email-content.ts';

export async function claimMessage(
  trx: Executor,
  projectId: number,
  content: Pick<EmailContent, 'inboundMessageId' | 'rawSha256' | 'messageId'>,
): Promise<void> {
  const keys = [`sha256:${content.rawSha256}`];
  if (content.messageId) keys.push(`message-id:${projectId}:${content.messageId}`);
  try {
    await trx
      .insertInto('inbound_dedupe')
      .values(keys.map((key) => ({ key, inbound_message_id: content.inboundMessageId })))
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateMessage('This message was processed before');
    throw error;
  }
}
