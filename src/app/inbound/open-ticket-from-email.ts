// A new mail to a project's address becomes a ticket, in one transaction with everything it causes:
// the customer and Cc'd people as participants, stored attachments, the thank-you and new-participant
// mails in the outbox, and the inbound message marked processed.
import { SYSTEM_ACTOR } from '../../domain/actor.ts';
import { normaliseEmail } from '../../domain/participant-rules.ts';
import { parseQuickActions } from '../../domain/quick-actions.ts';
import { deskDisplayName } from '../../domain/ticket-mail.ts';
import { isNewTicketConfidential, ticketTitleFromSubject } from '../../domain/ticket-rules.ts';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import { announceTicket, announceTicketAs } from '../events/announce.ts';
import { nextTicketIid } from '../tickets/next-ticket-iid.ts';
import { applyQuickActions } from '../notes/apply-quick-actions.ts';
import { notifyTeam } from '../notifications/notify-team.ts';
import { queueTicketMail } from '../outbound/queue-ticket-mail.ts';
import { projectWithSettings } from '../tickets/load-ticket-context.ts';
import { storeAttachments } from '../tickets/store-attachments.ts';
import { addParticipantsToTicket, insertParticipants } from '../tickets/ticket-participants.ts';
import { supportBot } from '../users/support-bot.ts';
import { claimMessage } from './claim-message.ts';
import { SenderRateLimited, type EmailContent } from './email-content.ts';
import { recordInboundOutcome } from './inbound-outcome.ts';

export async function openTicketFromEmail(deps: Deps, projectId: number, content: EmailContent): Promise<{ ticketId: number; iid: number }> {
  const now = deps.clock().toISOString();
  return deps.db.transaction(async ({ trx, onCommit }) => {
    await claimMessage(trx, projectId, content);
    await refuseFlood(trx, deps, projectId, content.sender);
    const { project, settings, ownAddresses } = await projectWithSettings(trx, deps, projectId);
    const bot = await supportBot(trx);
    const iid = await nextTicketIid(trx, projectId);
    const title = ticketTitleFromSubject(content.subject);
    const ticket = await trx
      .insertInto('tickets')
      .values({
        project_id: projectId,
        iid,
        title,
        description: content.body,
        state: 'opened',
        confidential: isNewTicketConfidential(project.visibility, settings.tickets_confidential_by_default === 1) ? 1 : 0,
        author_id: bot.id,
        external_author: content.sender,
        message_id: content.messageId,
        created_at: now,
        updated_at: now,
        closed_at: null,
      })
      .returning(['id', 'iid', 'title', 'message_id', 'confidential'])
      .executeTakeFirstOrThrow();
    // An extra address labels what it opens (GitLab issue 6395).
    if (content.labels?.length)
      await trx
        .insertInto('ticket_labels')
        .values(content.labels.map((label) => ({ ticket_id: ticket.id, label })))
        .execute();
    let description = content.files.length
      ? await storeAttachments(trx, { ticketId: ticket.id, noteId: null, publicUrl: deps.config.publicUrl, now }, content.body, content.files)
      : content.body;
    // SD-33: the project's ticket template follows the customer's text ("  \n", a Markdown line break),
    // and its quick actions run — as the desk itself, since the customer's own stay inert (SD-32).
    const template = settings.issue_template ? parseQuickActions(settings.issue_template) : null;
    if (template) description = description ? `${description}  \n${template.text}` : template.text;
    if (description !== content.body) await trx.updateTable('tickets').set({ description }).where('id', '=', ticket.id).execute();
    if (template?.actions.length) {
      const row = await trx.selectFrom('tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow();
      await applyQuickActions(
        trx,
        deps,
        { ticket: row, actor: SYSTEM_ACTOR, access: { visibility: project.visibility, accessLevel: null }, authorId: bot.id, now },
        template.actions,
      );
    }

    // SD-38: the requester is the first participant; SD-47: Cc'd people when the project wants them — unless
    // the From is forged, when only what it claims is kept (the verdict shows on the ticket) and nobody is
    // mailed: a forger must not make the desk write to a victim, nor to the people it put in Cc.
    // Unless the template's quick actions ran (they may add participants, or change what the thank-you and
    // the announcement read), what this transaction wrote is what the ticket is: nothing need be read back.
    const untouched = !template?.actions.length;
    const requester = content.sender ? await insertParticipants(trx, ticket.id, [content.sender], ownAddresses, now, untouched ? [] : undefined) : [];
    const mailBase = { fromName: deskDisplayName(settings.outgoing_name), project, ticket };
    // SD-39: one thank-you to the requester; SD-78: Cc'd people get new_participant instead.
    // SD-30 makes Reply-To the author, but only From is who wrote: a thank-you to another address quotes
    // nothing, and goes through the instance's relay rather than the project's own account (its custom
    // address, SD-98), as does the greeting to a Cc the writer chose: no stranger sends in the project's name.
    const writer = content.summary.from_address ? normaliseEmail(content.summary.from_address) : null;
    for (const to of content.senderForged ? [] : requester) {
      const unproven = normaliseEmail(to) !== writer;
      await queueTicketMail(trx, deps, {
        ...mailBase,
        kind: 'thank_you',
        to,
        withholdCustomerText: unproven,
        instanceOnly: unproven,
        ...(untouched && { description }),
      });
    }
    if (settings.add_external_participants_from_cc === 1 && !content.senderForged)
      await addParticipantsToTicket(trx, deps, { ...mailBase, ownAddresses, authorId: bot.id, now, fromMail: true }, content.cc);
    // Members who asked to hear of every new ticket.
    await notifyTeam(trx, deps, { kind: 'team_new_ticket', project, ticket, who: content.sender ?? 'Someone', body: content.body, userIds: null });

    if (untouched) announceTicketAs(deps, trx, { ...ticket, project_id: projectId, author_id: bot.id }, 'created');
    else await announceTicket(deps, trx, ticket.id, 'created');
    await recordInboundOutcome(trx, deps, content.inboundMessageId, content.summary, {
      state: 'processed',
      project_id: projectId,
      ticket_id: ticket.id,
      matched_by: content.matchedBy,
      reason: content.reason ?? null,
    });
    onCommit(() => deps.jobBell.ring());
    return { ticketId: ticket.id, iid };
  });
}

/** A flood from one sender (a loop, a script) must not drown the project; replies are not counted. */
async function refuseFlood(trx: Executor, deps: Pick<Deps, 'config' | 'clock'>, projectId: number, sender: string | null): Promise<void> {
  const limit = deps.config.rateLimitNewTicketsPerSenderHour;
  if (limit === 0 || !sender) return;
  const since = new Date(deps.clock().getTime() - 3_600_000).toISOString();
  const { n } = await trx
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where((eb) => eb(eb.fn('lower', ['external_author']), '=', sender.toLowerCase()))
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(n) >= limit) throw new SenderRateLimited(`${sender} opened ${limit} tickets in the last hour (RATE_LIMIT_NEW_TICKETS_PER_SENDER_HOUR)`, projectId);
}
