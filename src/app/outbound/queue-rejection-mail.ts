// A `[Rejected]` mail into the outbox (SD-24): threaded to the original by In-Reply-To and References, a fresh
// Message-ID, no reply key (there is nothing to reply into), marked as an automatic reply so no autoresponder
// answers it, and counted with the other automatic mails to its recipient.
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import { queueNoticeMail } from './queue-notice-mail.ts';
import { automaticMailsHeldBack } from './queue-ticket-mail.ts';

export interface RejectionMail {
  to: string;
  projectId: number | null;
  originalMessageId: string | null;
  /** A retryable rejection's Reply-To: the address the sender wrote to. */
  replyTo: string | null;
  subject: string;
  text: string;
}

/** Queues it and returns its id, or null when the recipient's automatic mails are at their limit. */
export async function queueRejectionMail(trx: Executor, deps: Pick<Deps, 'config' | 'clock'>, mail: RejectionMail): Promise<number | null> {
  if (await automaticMailsHeldBack(trx, deps, mail.to)) return null;
  return queueNoticeMail(trx, deps, {
    kind: 'rejected',
    projectId: mail.projectId,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    answers: mail.originalMessageId,
    replyTo: mail.replyTo,
    autoSubmitted: 'auto-replied',
  });
}
