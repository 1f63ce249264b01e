// An inbound mail that reaches no ticket, answered with a `[Rejected]` mail (domain/rejections.ts) in the
// transaction that records it ignored. It goes to the mail's From only, never to Reply-To or Cc, and not at
// all when the From is forged, when there is none, or when RATE_LIMIT_AUTO_MAILS_PER_RECIPIENT_HOUR holds it
// back: a stranger must not be able to make the desk write to someone else.
import { rejectionFor, type RejectionReason } from '../../domain/rejections.ts';
import { isMailboxAddress } from '../../domain/mailbox-address.ts';
import type { Deps } from '../deps.ts';
import { queueRejectionMail } from '../outbound/queue-rejection-mail.ts';
import { type InboundSummary, recordInboundOutcome } from './inbound-outcome.ts';

export interface RejectedMail {
  inboundMessageId: number;
  summary: InboundSummary;
  reason: RejectionReason;
  /** Kept as the message's reason (it may say more than the rejection's code). */
  detail: string;
  projectId: number | null;
  ticketId?: number | null;
  matchedBy?: string | null;
  /** The address the mail was written to, which a retryable rejection's Reply-To names. */
  writtenTo: string | null;
  senderForged: boolean;
}

export async function rejectMessage(deps: Deps, mail: RejectedMail): Promise<void> {
  await deps.db.transaction(async ({ trx, onCommit }) => {
    await recordInboundOutcome(trx, deps, mail.inboundMessageId, mail.summary, {
      state: 'ignored',
      reason: mail.detail,
      project_id: mail.projectId,
      ticket_id: mail.ticketId ?? null,
      matched_by: mail.matchedBy ?? null,
    });
    const from = mail.summary.from_address;
    if (!from || !isMailboxAddress(from) || mail.senderForged) return;
    const rejection = rejectionFor(mail.reason, mail.summary.subject);
    const queued = await queueRejectionMail(trx, deps, {
      to: from,
      projectId: mail.projectId,
      originalMessageId: mail.summary.message_id,
      replyTo: rejection.retryable ? mail.writtenTo : null,
      subject: rejection.subject,
      text: rejection.text,
    });
    if (queued) onCommit(() => deps.jobBell.ring());
  });
}
