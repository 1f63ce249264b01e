// Delivers one outbox row, DKIM-signed when DKIM_* is set, through the transport chosen for it
// (`ctx.transports`, transports.ts: the instance relay, kept for the viewer when there is none, or the
// project's own SMTP account). The row is marked `sending` (committed) before the server is contacted,
// so a crash mid-send is found on the next run and reported `uncertain` instead of sent twice.
// A custom address's verification mail (SD-94) is tried once: its failure is the verification's result.
import { failVerificationDelivery, VERIFICATION_MAIL_KIND } from '../../app/custom-email/verification.ts';
import { outboundAttachments } from '../../app/outbound/outbound-attachments.ts';
import { recordDelivery } from '../../app/outbound/record-delivery.ts';
import type { Context } from '../../context.ts';
import type { JobHandler } from '../../jobs/job-handler.ts';
import { composeMessage } from '../../app/outbound/compose-message.ts';
import { classifyDeliveryError, isLoginRefusal, verificationErrorOf } from './delivery-error.ts';
import { SendFailure } from './smtp-sender.ts';

const FINAL = new Set(['sent', 'kept', 'failed', 'uncertain']);

export function deliverJobHandler(ctx: Context, options: { timeoutMs?: number } = {}): JobHandler {
  return {
    async run(payload, job) {
      const { outboundMessageId: id } = payload as { outboundMessageId: number };
      const row = await ctx.db.db.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || FINAL.has(row.state)) return;
      const verification = row.kind === VERIFICATION_MAIL_KIND;
      if (row.state === 'sending') {
        await recordDelivery(ctx, id, { state: 'uncertain', error: 'delivery stopped while the message was being sent; not sent again to avoid a duplicate' });
        if (verification) await failVerificationDelivery(ctx, row, 'smtp_host_issue');
        return;
      }
      const composed = row.raw ?? (await composeMessage(row, ctx.clock(), await outboundAttachments(ctx.db.db, row)));
      const choice = await ctx.transports.forRow(row);
      if (choice.kind === 'keep') {
        await recordDelivery(ctx, id, { state: 'kept', raw: composed });
        return;
      }
      if (choice.kind === 'unavailable') {
        await recordDelivery(ctx, id, { state: 'failed', error: choice.reason });
        if (verification) await failVerificationDelivery(ctx, row, 'invalid_credentials');
        return;
      }
      // Signed once, when first handed to a server; a retry sends the stored, signed bytes again.
      const raw = row.raw ?? (ctx.dkim ? await ctx.dkim.sign(composed, ctx.clock()) : composed);
      await recordDelivery(ctx, id, { state: 'sending', raw, countAttempt: true });
      try {
        await choice.transport.send(row.to_address, raw, options.timeoutMs);
        await recordDelivery(ctx, id, { state: 'sent', error: null });
      } catch (error) {
        if (!(error instanceof SendFailure)) throw error;
        const reason = choice.transport.projectAccount ? `${describe(error)} (${choice.transport.label})` : describe(error);
        if (verification) {
          await recordDelivery(ctx, id, { state: 'failed', error: reason });
          await failVerificationDelivery(ctx, row, verificationErrorOf(error.smtpError));
          return;
        }
        let verdict = classifyDeliveryError(error.smtpError, error.bodyStarted);
        // A project's account refusing our login is the account's trouble, not the recipient's: its
        // maintainers may fix the password meanwhile, and each attempt reads the account again.
        if (choice.transport.projectAccount && isLoginRefusal(error.smtpError)) verdict = 'transient';
        if (verdict === 'permanent' || (verdict === 'transient' && job.attempts >= job.max_attempts)) {
          await recordDelivery(ctx, id, { state: 'failed', error: reason });
        } else if (verdict === 'uncertain') {
          await recordDelivery(ctx, id, { state: 'uncertain', error: reason });
        } else {
          await recordDelivery(ctx, id, { state: 'queued', error: reason });
          throw error; // the job queue retries with backoff
        }
      }
    },
  };
}

const describe = (failure: SendFailure) => {
  const e = failure.smtpError as Error & { responseCode?: number; response?: string; code?: string };
  return e.response ? `${e.response}` : `${e.code ?? 'error'}: ${e.message}`;
};
