// A team member answered one of our notifications by mail: their words become their own note, exactly
// as if posted in the UI (quick actions included), internal when the notification was about an internal
// note. Same transaction as the dedupe claim and the inbound outcome, so it happens exactly once.
// A key is not a password: it sits in mail that gets forwarded, and in the outbox. It acts as the member
// only when it came in the address it was sent to, from the member's own address, with a From that DMARC
// does not call forged; anything else is `sender_mismatch`, and does nothing and mails no one.
import { DomainError } from '../../domain/errors.ts';
import { normaliseEmail } from '../../domain/participant-rules.ts';
import type { Deps } from '../deps.ts';
import { writeNote } from '../notes/add-note.ts';
import { storeAttachments } from '../tickets/store-attachments.ts';
import { claimMessage } from './claim-message.ts';
import type { EmailContent } from './email-content.ts';
import { recordInboundOutcome } from './inbound-outcome.ts';

export interface TeamReplier {
  userId: number;
  internal: boolean;
}

export async function addTeamReplyFromEmail(deps: Deps, ticketId: number, replier: TeamReplier, content: EmailContent): Promise<{ noteId: number | null }> {
  const now = deps.clock().toISOString();
  return deps.db.transaction(async ({ trx, onCommit }) => {
    const ticket = await trx.selectFrom('tickets').select(['id', 'iid', 'project_id']).where('id', '=', ticketId).executeTakeFirstOrThrow();
    const user = await trx.selectFrom('users').select(['id', 'admin', 'state', 'email']).where('id', '=', replier.userId).executeTakeFirst();
    const mismatch = user && senderMismatch(user.email, content);
    if (mismatch) {
      await recordInboundOutcome(trx, deps, content.inboundMessageId, content.summary, {
        state: 'ignored',
        reason: `sender_mismatch: ${mismatch}`,
        project_id: ticket.project_id,
        ticket_id: ticket.id,
        matched_by: content.matchedBy,
      });
      return { noteId: null };
    }
    await claimMessage(trx, ticket.project_id, content);
    if (user?.state !== 'active') throw new DomainError('forbidden', 'The member this reply key was sent to can no longer write');
    const { note } = await writeNote(trx, onCommit, deps, { kind: 'user', userId: user.id, admin: user.admin === 1 }, String(ticket.project_id), ticket.iid, {
      body: content.body,
      internal: replier.internal,
    });
    if (note && content.files.length) {
      const body = await storeAttachments(trx, { ticketId: ticket.id, noteId: note.id, publicUrl: deps.config.publicUrl, now }, note.body, content.files);
      await trx.updateTable('notes').set({ body }).where('id', '=', note.id).execute();
    }
    await recordInboundOutcome(trx, deps, content.inboundMessageId, content.summary, {
      state: 'processed',
      project_id: ticket.project_id,
      ticket_id: ticket.id,
      note_id: note?.id ?? null,
      matched_by: content.matchedBy,
    });
    return { noteId: note?.id ?? null };
  });
}

function senderMismatch(memberEmail: string, content: EmailContent): string | null {
  if (content.matchedBy !== 'reply_key') return "a team member's reply key counts only in the address it was sent to, not in References";
  if (normaliseEmail(content.sender ?? '') !== normaliseEmail(memberEmail))
    return `a team member's reply key, but From ${content.sender ?? '(none)'} is not that member's address`;
  if (content.senderForged) return "a team member's reply key, but the From fails DMARC";
  return null;
}
