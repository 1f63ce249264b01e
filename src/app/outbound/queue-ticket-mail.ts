// Puts one mail about a ticket into the outbox, inside the caller's transaction: a fresh reply key for
// this recipient (stored hashed), the threading headers of DESIGN §2 "Out", and a delivery job.
// One recipient per message, never Cc (SD-58). The body is rendered here, from the project's template
// or the default, because %{UNSUBSCRIBE_URL} must carry this recipient's reply key.
import { randomBytes } from 'node:crypto';
import { normaliseEmail } from '../../domain/participant-rules.ts';
import { sql } from 'kysely';
import { fillTemplate } from '../../domain/service-desk-addresses.ts';
import { mailbox, replyReferenceId, ticketMailSubject, ticketThreadId, type TicketMailKind, withheldSubject } from '../../domain/ticket-mail.ts';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import { queueJob } from '../job-kinds.ts';
import { mailHost, newMessageId, outgoingAddress } from '../mail-identity.ts';
import { hashToken } from '../secrets.ts';
import { ticketWebUrl } from '../tickets/load-ticket-context.ts';
import { findProjectTemplate, renderTicketMail } from './render-ticket-mail.ts';

export interface TicketMail {
  kind: TicketMailKind;
  to: string;
  /** Display name of the From header (SD-62). */
  fromName: string;
  /** The comment's Markdown, for %{NOTE_TEXT} (new_note). */
  noteText?: string;
  project: { id: number; name: string; path: string };
  ticket: { id: number; iid: number; title: string; message_id: string | null };
  noteId?: number | null;
  /**
   * The ticket's description as the caller's transaction has it, when the caller just wrote it: spares
   * reading it back for %{ISSUE_DESCRIPTION}.
   */
  description?: string;
  /** Attachments (ids) the mail carries as files: an agent's comment with uploads. */
  attachmentIds?: number[];
  /**
   * Say nothing the customer wrote (no title in the subject, an empty %{ISSUE_DESCRIPTION}): the mail goes to
   * an address the mail's author named but did not prove to be (a Reply-To that differs from From), so the
   * desk must not carry a stranger's words to it.
   */
  withholdCustomerText?: boolean;
  /**
   * Never through the project's own SMTP account, even with its custom address on: for mail a stranger's
   * message makes us send to someone other than its writer (a Reply-To, a Cc), so nobody can make the
   * desk write to a victim in the project's name.
   */
  instanceOnly?: boolean;
}

/**
 * Mails we send unasked, in answer to mail or to someone else's act: an autoresponder on the other side must
 * not make a loop of them, and no one may use them to flood an address (a participant greeting per ticket).
 */
const AUTOMATIC_KINDS = new Set(['thank_you', 'new_participant', 'rejected']);

/**
 * Queues the mail and returns its id, or null when it may not go: the project's service desk is disabled
 * (SD-61: no mail goes out, whichever path asked: a comment, a customer's reply, a quick action, a new
 * participant), the recipient is bouncing on this ticket, or RATE_LIMIT_AUTO_MAILS_PER_RECIPIENT_HOUR holds
 * an automatic one back.
 */
export async function queueTicketMail(trx: Executor, deps: Pick<Deps, 'config' | 'clock'>, mail: TicketMail): Promise<number | null> {
  const now = deps.clock();
  // One read for the desk and the recipient: a participant whose mail bounced on this ticket is mailed
  // nothing more here until an agent clears it.
  const gate = await trx
    .selectFrom('service_desk_settings as desk')
    .leftJoin('participants as bouncing', (join) =>
      join.on('bouncing.ticket_id', '=', mail.ticket.id).on('bouncing.email_lower', '=', normaliseEmail(mail.to)).on('bouncing.bouncing_since', 'is not', null),
    )
    .select(['desk.enabled', 'desk.custom_email', 'desk.custom_email_enabled', 'desk.custom_email_state', 'bouncing.id as bouncing_id'])
    .where('desk.project_id', '=', mail.project.id)
    .executeTakeFirst();
  if (gate?.enabled !== 1 || gate.bouncing_id !== null) return null;
  if (AUTOMATIC_KINDS.has(mail.kind) && (await automaticMailsHeldBack(trx, deps, mail.to))) return null;
  const replyKey = await newReplyKey(trx, { ticketId: mail.ticket.id, email: mail.to }, now);
  const body = await renderBody(trx, deps, mail, unsubscribeLink(deps.config.publicUrl, replyKey));
  // SD-98: the project's own address, once verified and switched on.
  const customOn = gate.custom_email_enabled === 1 && gate.custom_email_state === 'finished';
  const customFrom = mail.instanceOnly || !customOn ? null : gate.custom_email;
  return writeOutboxMail(trx, deps, {
    ...(customFrom && { customFrom }),
    kind: mail.kind,
    ...(mail.withholdCustomerText && { subject: withheldSubject(mail.ticket) }),
    to: mail.to,
    fromName: mail.fromName,
    project: mail.project,
    ticket: mail.ticket,
    noteId: mail.noteId ?? null,
    replyKey,
    text: body.text,
    html: body.html,
    attachmentIds: mail.attachmentIds,
    // The thank-you answers the customer's own mail; everything later answers the ticket's thread.
    answersOriginal: mail.kind === 'thank_you',
  });
}

/** A fresh reply key for one recipient of one mail (128 random bits), stored as its SHA-256. */
export async function newReplyKey(trx: Executor, target: { ticketId: number; email: string; userId?: number; internal?: boolean }, now: Date): Promise<string> {
  const replyKey = randomBytes(16).toString('hex');
  await trx
    .insertInto('reply_keys')
    .values({
      key_hash: hashToken(replyKey),
      ticket_id: target.ticketId,
      email: target.email,
      user_id: target.userId ?? null,
      internal: target.internal ? 1 : 0,
      created_at: now.toISOString(),
    })
    .execute();
  return replyKey;
}

export interface OutboxMail {
  kind: string;
  to: string;
  fromName: string;
  project: TicketMail['project'];
  ticket: TicketMail['ticket'];
  noteId: number | null;
  replyKey: string;
  /** The ticket's subject (ticketMailSubject) unless given. */
  subject?: string;
  text: string;
  html: string | null;
  answersOriginal: boolean;
  /** Customers get List-Unsubscribe (RFC 8058); team members change their notification settings instead. */
  listUnsubscribe?: boolean;
  attachmentIds?: number[];
  /** SD-98: the project's custom address, on and verified: From it, through the project's SMTP account. */
  customFrom?: string;
}

/** The outbox row with the threading and list headers of DESIGN §2 "Out", and its delivery job. */
export async function writeOutboxMail(trx: Executor, deps: Pick<Deps, 'config' | 'clock'>, mail: OutboxMail): Promise<number> {
  const now = deps.clock();
  const host = mailHost(deps.config);
  const thread = ticketThreadId(mail.ticket.id, host);
  const original = mail.ticket.message_id;
  const replyAddress = fillTemplate(deps.config.incomingEmailAddress, mail.replyKey);
  const unsubscribeMailto = fillTemplate(deps.config.incomingEmailAddress, `${mail.replyKey}-unsubscribe`);
  const headers = {
    'Auto-Submitted': 'auto-generated', // RFC 3834: no autoresponder answers us (SD-22)
    'X-Auto-Response-Suppress': 'All', // Exchange's equivalent
    'List-Id': `<${mail.project.path.replace(/[^A-Za-z0-9-]/g, '.')}.${host}>`,
    ...(mail.listUnsubscribe !== false && {
      'List-Unsubscribe': `<${unsubscribeLink(deps.config.publicUrl, mail.replyKey)}>, <mailto:${unsubscribeMailto}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', // RFC 8058
    }),
    'X-Postdesk-Ticket': `${mail.project.path}#${mail.ticket.iid}`,
  };
  const row = await trx
    .insertInto('outbound_messages')
    .values({
      kind: mail.kind,
      project_id: mail.project.id,
      ticket_id: mail.ticket.id,
      note_id: mail.noteId,
      from_header: mailbox(mail.fromName, mail.customFrom ?? outgoingAddress(deps.config)),
      to_address: mail.to,
      subject: mail.subject ?? ticketMailSubject(mail.ticket),
      message_id: newMessageId(host),
      in_reply_to: mail.answersOriginal && original ? original : thread,
      references: [original, thread, replyReferenceId(mail.replyKey, host)].filter(Boolean).join(' '),
      reply_to: mailbox(mail.project.name, replyAddress),
      headers: JSON.stringify(headers),
      text_body: mail.text,
      html_body: mail.html,
      attachment_ids: mail.attachmentIds?.length ? JSON.stringify(mail.attachmentIds) : null,
      raw: null,
      state: 'queued',
      error: null,
      created_at: now.toISOString(),
      sent_at: null,
      sender_account: mail.customFrom ? 'project' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await queueJob(trx, 'deliver_outbound', { outboundMessageId: row.id }, now);
  return row.id;
}

export const unsubscribeLink = (publicUrl: string, replyKey: string) => `${publicUrl}/-/unsubscribe/${replyKey}`;

async function renderBody(trx: Executor, deps: Pick<Deps, 'config'>, mail: TicketMail, unsubscribeUrl: string) {
  const { description } = mail.withholdCustomerText
    ? { description: '' }
    : mail.description !== undefined
      ? { description: mail.description }
      : await trx.selectFrom('tickets').select('description').where('id', '=', mail.ticket.id).executeTakeFirstOrThrow();
  return renderTicketMail(mail.kind, await findProjectTemplate(trx, mail.project.id, mail.kind), {
    iid: mail.ticket.iid,
    projectPath: mail.project.path,
    ticketUrl: ticketWebUrl(deps.config.publicUrl, mail.project.path, mail.ticket.iid),
    description,
    noteText: mail.noteText ?? '',
    unsubscribeUrl,
    // SD-72: the instance header, footer and additional text; Postdesk has no such settings yet.
    systemHeader: '',
    systemFooter: '',
    additionalText: '',
  });
}

/** Whether RATE_LIMIT_AUTO_MAILS_PER_RECIPIENT_HOUR holds back one more automatic mail to `to`. */
export async function automaticMailsHeldBack(trx: Executor, deps: Pick<Deps, 'config' | 'clock'>, to: string): Promise<boolean> {
  const limit = deps.config.rateLimitAutoMailsPerRecipientHour;
  return limit !== 0 && (await automaticMailsLastHour(trx, to, deps.clock())) >= limit;
}

async function automaticMailsLastHour(trx: Executor, to: string, now: Date): Promise<number> {
  const { n } = await trx
    .selectFrom('outbound_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<boolean>`lower(to_address) = ${to.toLowerCase()}`)
    .where('kind', 'in', [...AUTOMATIC_KINDS])
    .where('created_at', '>', new Date(now.getTime() - 3_600_000).toISOString())
    .executeTakeFirstOrThrow();
  return Number(n);
}
