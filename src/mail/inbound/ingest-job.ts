// The processor: runs the stages over one stored message — parse → screen → route → convert → apply —
// and records the outcome. Idempotent: a message that is no longer `received` is left alone, and apply
// claims dedupe keys in its transaction. Bad input ends `ignored` or `failed`, never a crash.
import type { EmailContent } from '../../app/inbound/email-content.ts';
import { DuplicateMessage, SenderRateLimited } from '../../app/inbound/email-content.ts';
import { addReplyFromEmail } from '../../app/inbound/add-reply-from-email.ts';
import { addTeamReplyFromEmail } from '../../app/inbound/add-team-reply-from-email.ts';
import { recordInboundOutcome, type InboundSummary } from '../../app/inbound/inbound-outcome.ts';
import { openTicketFromEmail } from '../../app/inbound/open-ticket-from-email.ts';
import { INGEST_JOB } from '../../app/inbound/receive-inbound-message.ts';
import { unsubscribeByEmail } from '../../app/inbound/unsubscribe-by-email.ts';
import { mailHost } from '../../app/mail-identity.ts';
import type { Context } from '../../context.ts';
import { isBusyError } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { addressTemplateMatcher } from '../../domain/address-template.ts';
import type { JobHandler } from '../../jobs/job-handler.ts';
import { convertBody, type ConvertedBody } from './convert.ts';
import { parseMessage } from './parse.ts';
import type { ParsedMessage } from './parsed-message.ts';
import { routeMessage, type RouteDecision, type RoutingTemplates } from './route.ts';
import { routingLookups } from './routing-lookups.ts';
import { screenMessage } from './screen.ts';

export { INGEST_JOB };

export function ingestJobHandler(ctx: Context): JobHandler {
  const templates: RoutingTemplates = {
    incoming: addressTemplateMatcher(ctx.config.incomingEmailAddress),
    alias: ctx.config.serviceDeskAliasAddress ? addressTemplateMatcher(ctx.config.serviceDeskAliasAddress) : null,
    replyHost: mailHost(ctx.config),
  };
  return {
    maxAttempts: 5,
    async run(payload) {
      const { inboundMessageId } = payload as { inboundMessageId: number };
      await ingestMessage(ctx, templates, inboundMessageId);
    },
  };
}

export async function ingestMessage(ctx: Context, templates: RoutingTemplates, id: number): Promise<void> {
  const row = await ctx.db.db
    .selectFrom('inbound_messages')
    .select(['id', 'raw', 'raw_sha256', 'envelope_to', 'state'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row?.state !== 'received') return;
  let summary: InboundSummary | null = null;
  try {
    const message = await parseMessage(Buffer.from(row.raw));
    summary = { message_id: message.messageId, from_address: message.from, to_addresses: message.to, cc_addresses: message.cc, subject: message.subject };
    const screened = screenMessage(message);
    if (screened.kind === 'ignore') {
      return await recordInboundOutcome(ctx.db.db, ctx, id, summary, { state: 'ignored', reason: `${screened.reason}: ${screened.detail}` });
    }
    const decision = await routeMessage(message, JSON.parse(row.envelope_to) as string[], templates, routingLookups(ctx.db.db));
    await apply(ctx, decision, message, { inboundMessageId: id, rawSha256: row.raw_sha256, summary });
  } catch (error) {
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
    if (isBusyError(error) || isConnectionError(error)) throw error;
    ctx.logger.warn({ err: error, inboundMessageId: id }, 'inbound message failed');
    await recordInboundOutcome(ctx.db.db, ctx, id, summary, {
      state: 'failed',
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
}

async function apply(ctx: Context, decision: RouteDecision, message: ParsedMessage, base: Pick<EmailContent, 'inboundMessageId' | 'rawSha256' | 'summary'>) {
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
    files,
    matchedBy,
  });
  switch (decision.kind) {
    case 'open': {
      const converted = convertBody(message, { trimQuotes: false });
      // SD-30: the external author is Reply-To, else From, else Sender.
      const sender = message.replyTo ?? message.from ?? message.sender;
      await openTicketFromEmail(ctx, decision.projectId, { ...content(sender, converted, decision.matchedBy), labels: decision.labels });
      return;
    }
    case 'reply': {
      // SD-49: replies through our reply key are trimmed; a reply-all to the original keeps its full text (SD-55).
      const converted = convertBody(message, { trimQuotes: decision.matchedBy !== 'in_reply_to', fromMember: decision.member !== undefined });
      if (converted.isEmpty && files.length === 0) {
        // SD-50: a reply that only quotes adds nothing.
        const { project_id } = await ctx.db.db.selectFrom('tickets').select('project_id').where('id', '=', decision.ticketId).executeTakeFirstOrThrow();
        await recordInboundOutcome(ctx.db.db, ctx, base.inboundMessageId, base.summary, {
          state: 'ignored',
          reason: 'empty_reply: nothing above the quoted text',
          project_id,
          ticket_id: decision.ticketId,
          matched_by: decision.matchedBy,
        });
        return;
      }
      // SD-54 done better: GitLab's reply path uses only From while creation prefers Reply-To (SD-30); one
      // rule for both keeps the comment's author the participant the ticket already knows.
      const reply = content(message.replyTo ?? message.from ?? message.sender, converted, decision.matchedBy);
      if (decision.member) await addTeamReplyFromEmail(ctx, decision.ticketId, decision.member, reply);
      else await addReplyFromEmail(ctx, decision.ticketId, reply);
      return;
    }
    case 'unsubscribe':
      await unsubscribeByEmail(ctx, decision.ticketId, decision.email, base);
      return;
    case 'ignore':
      await recordInboundOutcome(ctx.db.db, ctx, base.inboundMessageId, base.summary, {
        state: 'ignored',
        reason: decision.reason,
        project_id: decision.projectId ?? null,
      });
  }
}

const isConnectionError = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(ECONN|ETIMEDOUT|EPIPE|57P0|08)/.test(code);
};
