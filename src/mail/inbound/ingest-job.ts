// The processor: runs the stages over one stored message — parse → authenticate → screen → route →
// convert → apply — and records the outcome (with the sender verdict, in the same write). Idempotent: a message that is no longer `received` is left alone, and apply
// claims dedupe keys in its transaction. Bad input ends `ignored` or `failed`, never a crash.
import type { EmailContent } from '../../app/inbound/email-content.ts';
import { DuplicateMessage, SenderRateLimited } from '../../app/inbound/email-content.ts';
import { receiveVerificationMail } from '../../app/custom-email/verify-custom-email-mail.ts';
import { addReplyFromEmail } from '../../app/inbound/add-reply-from-email.ts';
import { addTeamReplyFromEmail } from '../../app/inbound/add-team-reply-from-email.ts';
import { recordInboundOutcome, type InboundSummary } from '../../app/inbound/inbound-outcome.ts';
import { openTicketFromEmail } from '../../app/inbound/open-ticket-from-email.ts';
import { lengthOf, type RawBytes, readRawPieces } from '../../app/inbound/raw-message.ts';
import { recordBounce } from '../../app/inbound/record-bounce.ts';
import { type RejectedMail, rejectMessage } from '../../app/inbound/reject-message.ts';
import { unsubscribeByEmail } from '../../app/inbound/unsubscribe-by-email.ts';
import { mailHost, outgoingAddress } from '../../app/mail-identity.ts';
import type { Context } from '../../context.ts';
import { isBusyError } from '../../db/database.ts';
import type { InboundMessageRow } from '../../db/schema/inbound-messages.ts';
import { DomainError } from '../../domain/errors.ts';
import { addressTemplateMatcher } from '../../domain/address-template.ts';
import { isForgedSender, type MailAuthentication } from '../../domain/mail-authentication.ts';
import { isRejectionReason, type RejectionReason } from '../../domain/rejections.ts';
import { interpretKey } from '../../domain/reply-key.ts';
import type { JobHandler } from '../../jobs/job-handler.ts';
import type { ReceivedFacts } from './authenticate.ts';
import { blockedSenderOutcome } from './blocked-sender-check.ts';
import type { ConvertedBody } from './convert.ts';
import type { ParsedMessage } from './parsed-message.ts';
import { recipientAddresses, routeMessage, type RefusedThread, type RouteDecision, type RoutingTemplates } from './route.ts';
import { routingLookups } from './routing-lookups.ts';
import { readBounce } from './read-bounce.ts';
import { bounceMark, listMailDetail, screenMessage } from './screen.ts';
import { ParseBudgetExceeded } from './stage-workers.ts';

interface IngestSettings {
  templates: RoutingTemplates;
  isOwnAddress: (address: string) => boolean;
}

export function ingestJobHandler(ctx: Context): JobHandler {
  const templates: RoutingTemplates = {
    incoming: addressTemplateMatcher(ctx.config.incomingEmailAddress),
    alias: ctx.config.serviceDeskAliasAddress ? addressTemplateMatcher(ctx.config.serviceDeskAliasAddress) : null,
    replyHost: mailHost(ctx.config),
  };
  const settings: IngestSettings = {
    templates,
    isOwnAddress: ownAddresses(templates, ctx.config),
  };
  return {
    async run(payload) {
      const { inboundMessageId } = payload as { inboundMessageId: number };
      await ingestMessage(ctx, settings, inboundMessageId);
    },
  };
}

type StoredMessage = Pick<
  InboundMessageRow,
  'id' | 'raw_sha256' | 'size' | 'envelope_to' | 'envelope_from' | 'channel' | 'client_ip' | 'client_helo' | 'authentication' | 'state'
>;

export async function ingestMessage(ctx: Context, settings: IngestSettings, id: number): Promise<void> {
  const row: StoredMessage | undefined = await ctx.db.db
    .selectFrom('inbound_messages')
    .select(['id', 'raw_sha256', 'size', 'envelope_to', 'envelope_from', 'channel', 'client_ip', 'client_helo', 'authentication', 'state'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row?.state !== 'received') return;
  let summary: InboundSummary | null = null;
  try {
    // Parsed and its sender checked off the event loop (stage-workers.ts); the stored bytes are lent, not copied.
    // Verified once per message: a replayed message keeps the verdict it got when it first arrived (keys
    // rotate, records change; what counted was the state of things then).
    const stored = row.authentication ? (JSON.parse(row.authentication) as MailAuthentication) : null;
    const bytes = ctx.justReceived.take(id) ?? (await readRawPieces(ctx.db.db, id));
    const read = await ctx.stages.read(bytes, stored ? null : receivedFacts(row));
    const { message, raw } = read;
    const authentication = stored ?? read.authentication!;
    summary = {
      message_id: message.messageId,
      from_address: message.from,
      to_addresses: message.to,
      cc_addresses: message.cc,
      subject: message.subject,
      authentication,
    };
    // Bounces come home before screening, which would ignore them: they name the mail that bounced.
    if (await takeBounce(ctx, settings, row, raw, message, summary)) return;
    const screened = screenMessage(message, { envelopeFrom: row.envelope_from, isOwnAddress: settings.isOwnAddress });
    if (screened.kind === 'ignore') {
      return await recordInboundOutcome(ctx.db.db, ctx, id, summary, { state: 'ignored', reason: `${screened.reason}: ${screened.detail}` });
    }
    const forged = isForgedSender(authentication);
    const decision = await routeMessage(message, JSON.parse(row.envelope_to) as string[], settings.templates, routingLookups(ctx.db.db), {
      refuseWeakSignals: forged,
    });
    // A project's own IMAP mailbox hands its mail over addressed to the project's service desk address, the
    // alias when there is one: that is not a forwarding to the alias, and the mailbox is the project's own.
    if (decision.kind === 'verify_custom_email' && row.channel === 'imap') decision.wrongForwardingTarget = false;
    const blocked = await blockedSenderOutcome(ctx.db.db, decision, message);
    if (blocked) return await recordInboundOutcome(ctx.db.db, ctx, id, summary, blocked);
    const list = listMailDetail(message);
    const throughKey = (decision.kind === 'reply' && decision.matchedBy === 'reply_key') || decision.kind === 'unsubscribe';
    if (list && !throughKey && decision.kind !== 'verify_custom_email') {
      const projectId = decision.kind === 'open' ? decision.projectId : decision.kind === 'ignore' ? (decision.projectId ?? null) : null;
      return await recordInboundOutcome(ctx.db.db, ctx, id, summary, {
        state: 'ignored',
        reason: `bulk: ${list} (list or newsletter mail, not a reply through a reply key)`,
        project_id: projectId,
      });
    }
    const base = { inboundMessageId: id, rawSha256: row.raw_sha256, contentSha256: read.contentSha256, summary, senderForged: forged };
    // Only its headers were kept (receiveOversizedMessage): it makes nothing, and its writer is told.
    if (row.size > lengthOf(raw)) {
      const projectId = decision.kind === 'open' || decision.kind === 'ignore' ? (decision.projectId ?? null) : null;
      const detail = `too_large: ${row.size} bytes; the limit is ${ctx.config.maxMessageBytes} (MAX_MESSAGE_BYTES)`;
      return await rejectMessage(ctx, rejected(base, 'too_large', detail, projectId, message));
    }
    await apply(ctx, decision, message, base);
  } catch (error) {
    if (error instanceof ParseBudgetExceeded) {
      ctx.logger.warn({ inboundMessageId: id, reason: error.reason }, error.message);
      return await recordInboundOutcome(ctx.db.db, ctx, id, summary, { state: 'failed', reason: error.reason, error: error.message });
    }
    if (error instanceof DuplicateMessage) {
      return await recordInboundOutcome(ctx.db.db, ctx, id, summary, { state: 'ignored', reason: 'duplicate: this message was processed before' });
    }
    if (error instanceof DomainError && (error.code === 'forbidden' || error.code === 'not_found' || error.code === 'invalid')) {
      // A member who may no longer write there (removed, blocked), or a ticket gone: on record, not a failure.
      return await recordInboundOutcome(ctx.db.db, ctx, id, summary, { state: 'ignored', reason: `not_allowed: ${error.message}` });
    }
    if (error instanceof SenderRateLimited) {
      return await recordInboundOutcome(ctx.db.db, ctx, id, summary, {
        state: 'ignored',
        reason: `rate_limited: ${error.message}`,
        project_id: error.projectId,
      });
    }
    // A busy or unreachable database is not the message's fault: the job retries it.
    if (isDatabaseUnavailable(error)) throw error;
    ctx.logger.warn({ err: error, inboundMessageId: id }, 'inbound message failed');
    await recordFailure(ctx, id, summary, error);
  }
}

/**
 * Nothing stays `received`: when even the summary cannot be stored (the database refuses one of its values),
 * the failure is recorded without it. Only a database that cannot be written at all leaves the message for
 * the job's next attempt (and, once the job is dead, for `/health` to report).
 */
async function recordFailure(ctx: Context, id: number, summary: InboundSummary | null, error: unknown): Promise<void> {
  try {
    await recordInboundOutcome(ctx.db.db, ctx, id, summary, { state: 'failed', error: describe(error) });
  } catch (second) {
    if (summary === null || isDatabaseUnavailable(second)) throw second;
    await recordInboundOutcome(ctx.db.db, ctx, id, null, { state: 'failed', error: `${describe(error)}; its summary was refused too: ${describe(second)}` });
  }
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * A bounce of one of our mails, found by its VERP return path (`bounce-<id>-<signature>` among the
 * recipients) or, when a server lost that, by the returned mail's Message-ID. Returns whether it was one.
 * A delay report, or an out-of-office reply sent to the return path, changes nothing and is ignored.
 */
async function takeBounce(
  ctx: Context,
  settings: IngestSettings,
  row: StoredMessage,
  raw: RawBytes,
  message: ParsedMessage,
  summary: InboundSummary,
): Promise<boolean> {
  const keys = recipientAddresses(message, JSON.parse(row.envelope_to) as string[]).map(({ address }) => settings.templates.incoming.keyOf(address));
  const verp = keys.map((key) => (key === null ? null : interpretKey(key, false))).find((meaning) => meaning?.kind === 'bounce');
  if (!verp && !bounceMark(message, row.envelope_from)) return false;
  const ignore = (reason: string) => recordInboundOutcome(ctx.db.db, ctx, row.id, summary, { state: 'ignored', reason }).then(() => true);
  const report = readBounce(raw, message, row.envelope_from);
  let outboundId: number | undefined;
  let matchedBy: 'bounce_address' | 'bounce_message_id' = 'bounce_address';
  if (verp?.kind === 'bounce') {
    if (!ctx.bounces.verify(verp.outboundId, verp.signature)) return ignore('bounce: to a return path this Postdesk did not sign');
    outboundId = verp.outboundId;
  } else if (report.originalMessageId) {
    const sent = await ctx.db.db.selectFrom('outbound_messages').select('id').where('message_id', '=', report.originalMessageId).executeTakeFirst();
    outboundId = sent?.id;
    matchedBy = 'bounce_message_id';
  }
  if (outboundId === undefined) return false; // a bounce for no mail of ours: screening ignores it
  if (report.outcome !== 'failed') {
    return ignore(
      report.outcome === 'delayed' ? `bounce: delivery delayed, still being tried (${report.status ?? 'no status'})` : 'bounce: not a delivery failure',
    );
  }
  const reason = [report.status, report.diagnostic].filter(Boolean).join(' ') || 'no reason given';
  await recordBounce(ctx, { inboundMessageId: row.id, summary, outboundId, reason, matchedBy });
  return true;
}

/** How the message came: what the sender check needs of its arrival. */
function receivedFacts(row: StoredMessage): ReceivedFacts {
  const smtp = row.channel === 'smtp' && row.client_ip ? { ip: row.client_ip, helo: row.client_helo, mailFrom: row.envelope_from } : null;
  return { channel: row.channel, smtp };
}

async function apply(
  ctx: Context,
  decision: RouteDecision,
  message: ParsedMessage,
  base: Pick<EmailContent, 'inboundMessageId' | 'rawSha256' | 'contentSha256' | 'summary' | 'senderForged'>,
) {
  // ParsedAttachment already has the shape the use cases store.
  const files = message.attachments;
  const content = (sender: string | null, converted: ConvertedBody, matchedBy: string): EmailContent => ({
    ...base,
    messageId: message.messageId,
    subject: message.subject,
    sender,
    cc: message.cc,
    recipients: [...message.to, ...message.cc],
    body: converted.body,
    bodyIsEmpty: converted.isEmpty,
    files: [...files, ...converted.files],
    matchedBy,
  });
  switch (decision.kind) {
    case 'verify_custom_email':
      // SD-95: the first From counts (not Reply-To: the forwarded mail keeps the sender's own From).
      await receiveVerificationMail(ctx, {
        inboundMessageId: base.inboundMessageId,
        summary: base.summary,
        projectId: decision.projectId,
        from: message.from,
        fromForged: base.senderForged === true,
        text: message.text ?? (await ctx.stages.convert(message, { trimQuotes: false })).body,
        wrongForwardingTarget: decision.wrongForwardingTarget,
      });
      return;
    case 'open': {
      const converted = await ctx.stages.convert(message, { trimQuotes: false });
      // SD-30: the external author is Reply-To, else From, else Sender.
      const sender = message.replyTo ?? message.from ?? message.sender;
      await openTicketFromEmail(ctx, decision.projectId, {
        ...content(sender, converted, decision.matchedBy),
        labels: decision.labels,
        ...(decision.refused && { reason: refusedReason(decision.refused, base.summary) }),
      });
      return;
    }
    case 'reply': {
      // SD-49: replies through our reply key are trimmed; a reply-all to the original keeps its full text (SD-55).
      const converted = await ctx.stages.convert(message, { trimQuotes: decision.matchedBy !== 'in_reply_to', fromMember: decision.member !== undefined });
      if (converted.isEmpty && files.length === 0) {
        // SD-50: a reply that only quotes adds nothing; its writer is told, and may answer to try again.
        const { project_id } = await ctx.db.db.selectFrom('tickets').select('project_id').where('id', '=', decision.ticketId).executeTakeFirstOrThrow();
        await rejectMessage(ctx, {
          ...rejected(base, 'empty_reply', 'empty_reply: nothing above the quoted text', project_id, message),
          ticketId: decision.ticketId,
          matchedBy: decision.matchedBy,
        });
        return;
      }
      // SD-54: a reply's author is its From. Reply-To names the author of a new ticket only (SD-30): on a
      // reply it would let a stranger make anyone a participant who is then mailed the thread.
      const reply = content(message.from ?? message.sender, converted, decision.matchedBy);
      if (decision.member) await addTeamReplyFromEmail(ctx, decision.ticketId, decision.member, reply);
      else await addReplyFromEmail(ctx, decision.ticketId, reply);
      return;
    }
    case 'unsubscribe':
      await unsubscribeByEmail(ctx, decision.ticketId, decision.email, base);
      return;
    case 'ignore': {
      // A refused reply is kept with the ticket it aimed at, so that project's maintainers see it in their mail log.
      const target = decision.refused
        ? await ctx.db.db.selectFrom('tickets').select(['id', 'project_id']).where('id', '=', decision.refused.ticketId).executeTakeFirst()
        : undefined;
      // SD-24, SD-25: a person who wrote to a dead end is told so.
      if (isRejectionReason(decision.reason) && !decision.refused) {
        await rejectMessage(ctx, rejected(base, decision.reason, decision.reason, decision.projectId ?? null, message));
        return;
      }
      await recordInboundOutcome(ctx.db.db, ctx, base.inboundMessageId, base.summary, {
        state: 'ignored',
        reason: decision.refused ? refusedReason(decision.refused, base.summary) : decision.reason,
        project_id: target?.project_id ?? decision.projectId ?? null,
        ticket_id: target?.id ?? null,
      });
    }
  }
}

function rejected(
  base: Pick<EmailContent, 'inboundMessageId' | 'summary' | 'senderForged'>,
  reason: RejectionReason,
  detail: string,
  projectId: number | null,
  message: ParsedMessage,
): RejectedMail {
  return {
    inboundMessageId: base.inboundMessageId,
    summary: base.summary,
    reason,
    detail,
    projectId,
    writtenTo: message.to[0] ?? null,
    senderForged: base.senderForged ?? false,
  };
}

/** Why a forged mail did not join the ticket its References or In-Reply-To named. */
function refusedReason(refused: RefusedThread, summary: InboundSummary): string {
  const auth = summary.authentication;
  const policy = auth?.dmarc_policy ? `p=${auth.dmarc_policy}` : 'policy not stated';
  const signal = refused.matchedBy === 'references' ? 'References' : 'In-Reply-To';
  return `unauthenticated_reply: From ${auth?.domain ?? '(none)'} fails DMARC (${policy}); ${signal} alone does not add it to a ticket`;
}

/** The addresses Postdesk sends from and receives at: mail from them is our own, coming back. */
function ownAddresses(templates: RoutingTemplates, config: Context['config']): (address: string) => boolean {
  const from = outgoingAddress(config).toLowerCase();
  return (address) => address.toLowerCase() === from || templates.incoming.keyOf(address) !== null || (templates.alias?.keyOf(address) ?? null) !== null;
}

/** Busy, unreachable, or out of disk (SQLite FULL and IOERR, PostgreSQL class 53): not the message's fault. */
const isDatabaseUnavailable = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return isBusyError(error) || (typeof code === 'string' && /^(ECONN|ETIMEDOUT|EPIPE|57P0|08|53|SQLITE_FULL|SQLITE_IOERR)/.test(code));
};
