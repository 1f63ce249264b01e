// Delivers one outbox row, DKIM-signed when DKIM_* is set. Without a relay (OUTGOING_SMTP_URL unset) the
// rendered message is kept, unsigned (it goes nowhere), for the mail viewer instead. The row is marked
// `sending` (committed) before the relay is contacted, so a crash mid-send is found on the next run and
// reported `uncertain` instead of sent twice.
import { outgoingAddress } from '../../app/mail-identity.ts';
import { outboundAttachments } from '../../app/outbound/outbound-attachments.ts';
import { DELIVER_JOB } from '../../app/outbound/queue-ticket-mail.ts';
import { recordDelivery } from '../../app/outbound/record-delivery.ts';
import type { Context } from '../../context.ts';
import type { JobHandler } from '../../jobs/job-handler.ts';
import { composeMessage } from '../../app/outbound/compose-message.ts';
import { classifyDeliveryError } from './delivery-error.ts';
import { SendFailure, sendRaw } from './smtp-sender.ts';

export { DELIVER_JOB };

const FINAL = new Set(['sent', 'kept', 'failed', 'uncertain']);

export function deliverJobHandler(ctx: Context, options: { timeoutMs?: number } = {}): JobHandler {
  const maxAttempts = 8;
  return {
    maxAttempts,
    async run(payload, job) {
      const { outboundMessageId: id } = payload as { outboundMessageId: number };
      const row = await ctx.db.db.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || FINAL.has(row.state)) return;
      if (row.state === 'sending') {
        await recordDelivery(ctx, id, { state: 'uncertain', error: 'delivery stopped while the message was being sent; not sent again to avoid a duplicate' });
        return;
      }
      const composed = row.raw ?? (await composeMessage(row, ctx.clock(), await outboundAttachments(ctx.db.db, row)));
      const relay = ctx.config.outgoingSmtpUrl;
      if (!relay) {
        await recordDelivery(ctx, id, { state: 'kept', raw: composed });
        return;
      }
      // Signed once, when first handed to the relay; a retry sends the stored, signed bytes again.
      const raw = row.raw ?? (ctx.dkim ? await ctx.dkim.sign(composed, ctx.clock()) : composed);
      await recordDelivery(ctx, id, { state: 'sending', raw, countAttempt: true });
      try {
        await sendRaw({ url: relay, timeoutMs: options.timeoutMs }, { from: outgoingAddress(ctx.config), to: row.to_address }, raw);
        await recordDelivery(ctx, id, { state: 'sent', error: null });
      } catch (error) {
        if (!(error instanceof SendFailure)) throw error;
        const verdict = classifyDeliveryError(error.smtpError, error.bodyStarted);
        const reason = describe(error);
        if (verdict === 'permanent' || (verdict === 'transient' && job.attempts >= maxAttempts)) {
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
