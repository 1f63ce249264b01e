// A mail about a project rather than a ticket — to a team member (the custom address's verification, SD-93,
// SD-97), or a `[Rejected]` answer to a sender (queue-rejection-mail.ts): From the instance address through
// the instance relay, no reply key (there is nothing to answer into), machine-made (RFC 3834). Written in
// the caller's transaction with its delivery job, like every mail.
import { mailbox } from '../../domain/ticket-mail.ts';
import type { Executor } from '../../db/database.ts';
import { queueJob } from '../job-kinds.ts';
import type { Deps } from '../deps.ts';
import { mailHost, newMessageId, outgoingAddress } from '../mail-identity.ts';

export interface NoticeMail {
  kind: string;
  projectId: number | null;
  to: string;
  subject: string;
  text: string;
  /** The message this one answers: In-Reply-To and References. */
  answers?: string | null;
  replyTo?: string | null;
  /** RFC 3834: `auto-generated` unless it answers a message (`auto-replied`). */
  autoSubmitted?: 'auto-generated' | 'auto-replied';
}

export async function queueNoticeMail(trx: Executor, deps: Pick<Deps, 'config' | 'clock'>, mail: NoticeMail): Promise<number> {
  const now = deps.clock();
  const row = await trx
    .insertInto('outbound_messages')
    .values({
      kind: mail.kind,
      project_id: mail.projectId,
      ticket_id: null,
      note_id: null,
      from_header: mailbox('Postdesk', outgoingAddress(deps.config)),
      to_address: mail.to,
      subject: mail.subject,
      message_id: newMessageId(mailHost(deps.config)),
      in_reply_to: mail.answers ?? null,
      references: mail.answers ?? '',
      reply_to: mail.replyTo ?? null,
      headers: JSON.stringify({ 'Auto-Submitted': mail.autoSubmitted ?? 'auto-generated', 'X-Auto-Response-Suppress': 'All' }),
      text_body: mail.text,
      html_body: null,
      raw: null,
      state: 'queued',
      error: null,
      created_at: now.toISOString(),
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await queueJob(trx, 'deliver_outbound', { outboundMessageId: row.id }, now);
  return row.id;
}
