// SD-82: a mail to `…+<reply key>-unsubscribe@…` takes the recipient of that key off the ticket.
import type { Deps } from '../deps.ts';
import { unsubscribeRecipient } from '../tickets/unsubscribe-recipient.ts';
import { claimMessage } from './claim-message.ts';
import type { EmailContent } from './email-content.ts';
import { recordInboundOutcome } from './inbound-outcome.ts';

export async function unsubscribeByEmail(
  deps: Deps,
  ticketId: number,
  email: string,
  content: Pick<EmailContent, 'inboundMessageId' | 'rawSha256' | 'contentSha256' | 'summary'>,
): Promise<void> {
  const now = deps.clock().toISOString();
  await deps.db.transaction(async ({ trx }) => {
    const ticket = await trx.selectFrom('tickets').select(['id', 'project_id']).where('id', '=', ticketId).executeTakeFirstOrThrow();
    await claimMessage(trx, ticket.project_id, { ...content, messageId: content.summary.message_id });
    const removed = await unsubscribeRecipient(trx, ticketId, email, 'by email', now);
    await recordInboundOutcome(
      trx,
      deps,
      content.inboundMessageId,
      content.summary,
      removed
        ? { state: 'processed', project_id: ticket.project_id, ticket_id: ticketId, matched_by: 'reply_key' }
        : { state: 'ignored', reason: 'already_unsubscribed', project_id: ticket.project_id, ticket_id: ticketId, matched_by: 'reply_key' },
    );
  });
}
