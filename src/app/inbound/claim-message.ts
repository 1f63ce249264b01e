// Exactly-once: a message claims its dedupe keys in the transaction that applies it. A second copy hits a
// unique key and is recorded as a duplicate: the same bytes, or the same mail to the same project — the same
// Message-ID with the same content (mail/inbound/content-sha256.ts), whatever headers it gathered in transit.
// Another mail that reuses a Message-ID is a new mail. The Message-ID is hashed: any length fits the index.
import { createHash } from 'node:crypto';
import { isUniqueViolation, type Executor } from '../../db/database.ts';
import { DuplicateMessage, type EmailContent } from './email-content.ts';

export async function claimMessage(
  trx: Executor,
  projectId: number,
  content: Pick<EmailContent, 'inboundMessageId' | 'rawSha256' | 'contentSha256' | 'messageId'>,
): Promise<void> {
  const keys = [`sha256:${content.rawSha256}`];
  if (content.messageId) keys.push(sameMailKey(projectId, content.messageId, content.contentSha256));
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

/** `mail:<project>:<sha256 of the Message-ID>:<content sha256>` (migration 018). */
const sameMailKey = (projectId: number, messageId: string, contentSha256: string) =>
  `mail:${projectId}:${createHash('sha256').update(messageId).digest('hex')}:${contentSha256}`;
