// A customer's reply becomes a public comment by the support bot with the sender kept beside it
// (SD-54), in one transaction with what it causes: reopening (SD-57), Cc participants (SD-47), the
// comment mailed to the other participants (SD-58, SD-60), and the inbound message marked processed.
import { deskDisplayName, personDisplayName } from '../../domain/ticket-mail.ts';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import { announceNotes, announceTicketChanges } from '../events/announce.ts';
import { mailNoteToParticipants } from '../notes/mail-note-to-participants.ts';
import { addSystemNote } from '../notes/system-note.ts';
import { notifyTeam } from '../notifications/notify-team.ts';
import { loadTicketContext } from '../tickets/load-ticket-context.ts';
import { storeAttachments } from '../tickets/store-attachments.ts';
import { addParticipantsToTicket } from '../tickets/ticket-participants.ts';
import { supportBot } from '../users/support-bot.ts';
import { claimMessage } from './claim-message.ts';
import { type EmailContent, SenderRateLimited } from './email-content.ts';
import { recordInboundOutcome } from './inbound-outcome.ts';

/**
 * RATE_LIMIT_REPLIES_PER_SENDER_HOUR: the mail a sender sent this project in the last hour, this one aside. A
 * loop with another desk that ignores Auto-Submitted, or a script, stops here; agents' own mail never does.
 */
async function refuseReplyFlood(trx: Executor, deps: Pick<Deps, 'config' | 'clock'>, projectId: number, content: EmailContent): Promise<void> {
  const limit = deps.config.rateLimitRepliesPerSenderHour;
  if (limit === 0 || !content.sender) return;
  const since = new Date(deps.clock().getTime() - 3_600_000).toISOString();
  const { n } = await trx
    .selectFrom('inbound_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<boolean>`lower(from_address) = ${content.sender.toLowerCase()}`)
    .where('received_at', '>', since)
    .where('project_id', '=', projectId)
    .where('id', '!=', content.inboundMessageId)
    .executeTakeFirstOrThrow();
  if (Number(n) >= limit)
    throw new SenderRateLimited(`${content.sender} sent ${limit} mails here in the last hour (RATE_LIMIT_REPLIES_PER_SENDER_HOUR)`, projectId);
}

export async function addReplyFromEmail(deps: Deps, ticketId: number, content: EmailContent): Promise<{ noteId: number }> {
  const now = deps.clock().toISOString();
  return deps.db.transaction(async ({ trx, onCommit }) => {
    const { ticket, project, settings, ownAddresses, ticketUrl } = await loadTicketContext(trx, deps, ticketId);
    await claimMessage(trx, project.id, content);
    await refuseReplyFlood(trx, deps, project.id, content);
    const bot = await supportBot(trx);
    const note = await trx
      .insertInto('notes')
      .values({
        ticket_id: ticket.id,
        body: content.body,
        internal: 0,
        system: 0,
        author_id: bot.id,
        external_author: content.sender,
        inbound_message_id: content.inboundMessageId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let body = content.body;
    if (content.files.length) {
      body = await storeAttachments(trx, { ticketId: ticket.id, noteId: note.id, publicUrl: deps.config.publicUrl, now }, content.body, content.files);
      await trx.updateTable('notes').set({ body }).where('id', '=', note.id).execute();
    }

    const reopen = ticket.state === 'closed' && settings.reopen_issue_on_external_participant_note === 1;
    await trx
      .updateTable('tickets')
      .set({ updated_at: now, ...(reopen && { state: 'opened' as const, closed_at: null }) })
      .where('id', '=', ticket.id)
      .execute();
    const reopenNoteId = reopen
      ? await addSystemNote(trx, {
          ticketId: ticket.id,
          body: 'reopened this ticket because of a new comment from an external participant',
          internal: true,
          authorId: bot.id,
          now,
        })
      : null;
    await (reopenNoteId ? announceTicketChanges(deps, trx, ticket.id, [note.id, reopenNoteId]) : announceNotes(deps, trx, [note.id]));

    // Customer text is mailed only to addresses that took part legitimately. Only a reply key in the address
    // proves the mail answers one of ours: `In-Reply-To` and `References` are known to everyone who saw the
    // thread, so a mail routed by them alone adds no one (unlike GitLab, SD-55) and is mailed to no one
    // outside the team. Through a key, a new From and the Cc join only when the project adds people from Cc
    // (SD-47; at most MAX_PARTICIPANTS_PER_OPERATION per mail); a forged From adds nobody.
    const throughKey = content.matchedBy === 'reply_key';
    if (throughKey && settings.add_external_participants_from_cc === 1 && !content.senderForged) {
      const newcomers = [content.sender, ...content.cc].filter((a): a is string => a !== null);
      const addition = { ticket, project, fromName: deskDisplayName(settings.outgoing_name), ownAddresses, authorId: bot.id, now, fromMail: true };
      await addParticipantsToTicket(trx, deps, { ...addition, quiet: content.sender ? [content.sender] : [] }, newcomers);
    }

    if (throughKey)
      await mailNoteToParticipants(trx, deps, {
        project,
        ticket,
        ticketUrl,
        noteId: note.id,
        body,
        authorName: content.sender ?? personDisplayName(bot.name, bot.username),
        exclude: [content.sender, ...content.recipients].filter((a): a is string => a !== null),
      });
    // The ticket's assignees hear that the customer answered.
    const assignees = await trx.selectFrom('ticket_assignees').select('user_id').where('ticket_id', '=', ticket.id).execute();
    await notifyTeam(trx, deps, {
      kind: 'team_customer_reply',
      project,
      ticket,
      who: content.sender ?? 'The customer',
      body,
      noteId: note.id,
      userIds: assignees.map((a) => a.user_id),
    });
    await recordInboundOutcome(trx, deps, content.inboundMessageId, content.summary, {
      state: 'processed',
      project_id: project.id,
      ticket_id: ticket.id,
      note_id: note.id,
      matched_by: content.matchedBy,
    });
    onCommit(() => deps.jobBell.ring());
    return { noteId: note.id };
  });
}
