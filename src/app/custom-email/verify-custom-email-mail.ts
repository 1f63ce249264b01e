// SD-95: the verification mail came back through the provider's forwarding. It never makes a ticket and
// never answers anyone; it only moves the verification in progress to finished or failed (which tells the
// owners and whoever started it, SD-97). What a stranger can do with it: make a started verification fail
// (as in GitLab) — never finish one: that needs the token, which only went through the project's account.
import { canMoveTo, judgeVerificationMail, tokenInBody } from '../../domain/custom-email-verification.ts';
import type { Deps } from '../deps.ts';
import { recordInboundOutcome, type InboundSummary } from '../inbound/inbound-outcome.ts';
import { concludeVerification, tokenMatchesHash } from './verification.ts';

export interface VerificationMailIn {
  inboundMessageId: number;
  summary: InboundSummary;
  projectId: number;
  from: string | null;
  fromForged: boolean;
  /** The text of the mail (the token line is looked for in it). */
  text: string;
  wrongForwardingTarget: boolean;
}

export async function receiveVerificationMail(deps: Deps, mail: VerificationMailIn): Promise<void> {
  await deps.db.transaction(async ({ trx, onCommit }) => {
    const settings = await trx.selectFrom('service_desk_settings').selectAll().where('project_id', '=', mail.projectId).executeTakeFirstOrThrow();
    const inbound = await trx.selectFrom('inbound_messages').select('received_at').where('id', '=', mail.inboundMessageId).executeTakeFirstOrThrow();
    const base = { project_id: mail.projectId, ticket_id: null, matched_by: 'custom_email' };
    if (!canMoveTo(settings.custom_email_state, 'finished') || !settings.custom_email_started_at || !settings.custom_email) {
      // SD-95: a finished verification, or a failed one, takes no mail.
      const reason = `custom_email_verification: no verification in progress (${settings.custom_email_state ?? 'none'})`;
      return recordInboundOutcome(trx, deps, mail.inboundMessageId, mail.summary, { state: 'ignored', reason, ...base });
    }
    const verdict = judgeVerificationMail({
      startedAt: new Date(settings.custom_email_started_at),
      receivedAt: new Date(inbound.received_at),
      wrongForwardingTarget: mail.wrongForwardingTarget,
      from: mail.from?.toLowerCase() ?? null,
      fromForged: mail.fromForged,
      customEmail: settings.custom_email,
      token: tokenInBody(mail.text),
      tokenMatches: (token) => tokenMatchesHash(token, settings.custom_email_token_hash),
    });
    const error = verdict.state === 'failed' ? verdict.error : null;
    await concludeVerification(trx, deps, mail.projectId, settings.custom_email_started_at, error);
    onCommit(() => deps.jobBell.ring());
    const reason = `custom_email_verification: ${error ? `failed (${error})` : 'finished'}`;
    await recordInboundOutcome(trx, deps, mail.inboundMessageId, mail.summary, { state: 'processed', reason, ...base });
  });
}
