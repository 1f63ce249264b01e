// A bounce for one of our mails (issue 9, "Bounces come home"): the outbox row is marked failed with the
// reason, and when it went to a participant of a ticket, that participant is `bouncing` there — mailed
// nothing more on that ticket until an agent clears it — with an internal note saying why. Same
// transaction as the inbound message's outcome, so a bounce counts once.
import { normaliseEmail } from '../../domain/participant-rules.ts';
import type { Deps } from '../deps.ts';
import { announceNotes } from '../events/announce.ts';
import { addSystemNote } from '../notes/system-note.ts';
import { supportBot } from '../users/support-bot.ts';
import { type InboundSummary, recordInboundOutcome } from './inbound-outcome.ts';

export interface ReturnedMail {
  inboundMessageId: number;
  summary: InboundSummary;
  outboundId: number;
  /** `5.1.1 550 … User unknown`: shown on the participant, the note and the outbox row. */
  reason: string;
  /** How the bounce was matched to the mail: its VERP return path, or the returned mail's Message-ID. */
  matchedBy: 'bounce_address' | 'bounce_message_id';
}

export async function recordBounce(deps: Deps, bounce: ReturnedMail): Promise<void> {
  const now = deps.clock().toISOString();
  await deps.db.transaction(async ({ trx }) => {
    const sent = await trx
      .updateTable('outbound_messages')
      .set({ state: 'failed', error: `bounced after delivery: ${bounce.reason}`.slice(0, 2000) })
      .where('id', '=', bounce.outboundId)
      .returning(['ticket_id', 'project_id', 'to_address'])
      .executeTakeFirst();
    const participant =
      sent?.ticket_id != null
        ? await trx
            .selectFrom('participants')
            .select(['id', 'email', 'bouncing_since'])
            .where('ticket_id', '=', sent.ticket_id)
            .where('email_lower', '=', normaliseEmail(sent.to_address))
            .executeTakeFirst()
        : undefined;
    if (!sent || sent.ticket_id === null || sent.project_id === null || !participant) {
      await recordInboundOutcome(trx, deps, bounce.inboundMessageId, bounce.summary, {
        state: 'ignored',
        reason: sent
          ? `bounce: recorded on outgoing message ${bounce.outboundId} to ${sent.to_address}: ${bounce.reason}`
          : `bounce: for outgoing message ${bounce.outboundId}, which is no longer kept`,
        project_id: sent?.project_id ?? null,
        ticket_id: sent?.ticket_id ?? null,
        matched_by: bounce.matchedBy,
      });
      return;
    }
    let noteId: number | null = null;
    if (participant.bouncing_since === null) {
      await trx
        .updateTable('participants')
        .set({ bouncing_since: now, bounce_reason: bounce.reason.slice(0, 500) })
        .where('id', '=', participant.id)
        .execute();
      const bot = await supportBot(trx);
      noteId = await addSystemNote(trx, {
        ticketId: sent.ticket_id,
        body: `mail to ${participant.email} bounced (${bounce.reason.slice(0, 300)}); nothing more is mailed to this address on this ticket until someone clears it`,
        internal: true,
        authorId: bot.id,
        now,
      });
      await announceNotes(deps, trx, [noteId]);
    }
    await recordInboundOutcome(trx, deps, bounce.inboundMessageId, bounce.summary, {
      state: 'processed',
      project_id: sent.project_id,
      ticket_id: sent.ticket_id,
      note_id: noteId,
      matched_by: bounce.matchedBy,
    });
  });
}
