// A `[Rejected]` mail into the outbox (SD-24): threaded to the original by In-Reply-To and References, a fresh
// Message-ID, no reply key (there is nothing to reply into), marked as an automatic reply so no autoresponder
// answers it, and counted with the other automatic mails to its recipient.
import type { Executor } from '../../db/database.ts';
import { enqueueJob } from '../../db/job-store.ts';
import { mailbox } from '../../domain/ticket-mail.ts';
import type { Deps } from '../deps.ts';
import { mailHost, newMessageId, outgoingAddress } from '../mail-identity.ts';
import { automaticMailsHeldBack, DELIVER_JOB } from './queue-ticket-mail.ts';

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
  const now = deps.clock();
  const row = await trx
    .insertInto('outbound_messages')
    .values({
      kind: 'rejected',
      project_id: mail.projectId,
      ticket_id: null,
      note_id: null,
      from_header: mailbox('Postdesk', outgoingAddress(deps.config)),
      to_address: mail.to,
      subject: mail.subject,
      message_id: newMessageId(mailHost(deps.config)),
      in_reply_to: mail.originalMessageId,
      references: mail.originalMessageId ?? '',
      reply_to: mail.replyTo,
      // RFC 3834: an automatic answer to a message; Exchange's own mark too.
      headers: JSON.stringify({ 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' }),
      text_body: mail.text,
      html_body: null,
      attachment_ids: null,
      raw: null,
      state: 'queued',
      error: null,
      created_at: now.toISOString(),
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJob(trx, { kind: DELIVER_JOB, payload: { outboundMessageId: row.id }, maxAttempts: 8 }, now);
  return row.id;
}
