// Recording how an inbound message ended. Every stored message ends `processed`, `ignored` (with the
// rule that ignored it) or `failed` (with the error, replayable): nothing vanishes.
import type { Executor } from '../../db/database.ts';
import { safeOptionalText, safeText } from '../../domain/safe-text.ts';
import type { Updateable } from 'kysely';
import type { MailAuthentication } from '../../domain/mail-authentication.ts';
import type { InboundMessagesTable } from '../../db/schema/inbound-messages.ts';
import type { Deps } from '../deps.ts';
import { announceInbound } from '../events/announce.ts';

/** What parsing learned about the message, kept for lists and explanations. */
export interface InboundSummary {
  message_id: string | null;
  from_address: string | null;
  to_addresses: string[];
  /** Shown with the notes and tickets the mail made (who else it went to). */
  cc_addresses?: string[];
  subject: string | null;
  /** Who really sent it (mail/inbound/authenticate.ts); shown with the message and what it made. */
  authentication?: MailAuthentication;
}

type Outcome =
  /** ticket_id null: a mail that did its work without a ticket (a custom address's verification mail, SD-95). */
  | { state: 'processed'; project_id: number; ticket_id: number | null; note_id?: number | null; matched_by: string; reason?: string | null }
  | { state: 'ignored'; reason: string; project_id?: number | null; ticket_id?: number | null; matched_by?: string | null }
  /** reason: a named cause when there is one (`parse_timeout`, `parse_memory`), beside the error's text. */
  | { state: 'failed'; error: string; reason?: string };

export async function recordInboundOutcome(
  executor: Executor,
  deps: Pick<Deps, 'clock' | 'db' | 'events'>,
  id: number,
  summary: InboundSummary | null,
  outcome: Outcome,
): Promise<void> {
  const values: Updateable<InboundMessagesTable> = {
    state: outcome.state,
    processed_at: deps.clock().toISOString(),
    // Reasons and errors may quote the mail (a header value, a parser's complaint): storable text only.
    reason: safeOptionalText(outcome.reason) ?? null,
    error: outcome.state === 'failed' ? safeText(outcome.error).slice(0, 4000) : null,
    project_id: outcome.state === 'failed' ? null : (outcome.project_id ?? null),
    ticket_id: outcome.state === 'failed' ? null : (outcome.ticket_id ?? null),
    note_id: outcome.state === 'processed' ? (outcome.note_id ?? null) : null,
    matched_by: outcome.state === 'failed' ? null : (outcome.matched_by ?? null),
  };
  if (summary) {
    Object.assign(values, {
      message_id: summary.message_id?.slice(0, 998) ?? null,
      from_address: summary.from_address?.slice(0, 320) ?? null,
      to_addresses: JSON.stringify(summary.to_addresses.slice(0, 50)),
      cc_addresses: JSON.stringify((summary.cc_addresses ?? []).slice(0, 50)),
      subject: summary.subject?.slice(0, 1000) ?? null,
      ...(summary.authentication && { authentication: JSON.stringify(summary.authentication) }),
    });
  }
  await executor.updateTable('inbound_messages').set(values).where('id', '=', id).execute();
  announceInbound(deps, executor, { id, projectId: values.project_id, state: outcome.state });
}
