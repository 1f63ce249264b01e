// The outbox as the mail log shows it. Reply keys are masked in everything shown (domain/reply-key.ts): the
// log is read by people the mail was not for, and a key lets its holder write into the ticket as the
// recipient. The raw view is therefore composed again from the masked row rather than served as stored
// (a key inside a quoted-printable or base64 body would escape a mask applied to the stored bytes).
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { maskReplyKeys } from '../../domain/reply-key.ts';
import type { OutboundMessageRow } from '../../db/schema/outbound-messages.ts';
import type { Deps } from '../deps.ts';
import { composeMessage } from '../outbound/compose-message.ts';
import { outboundAttachments } from '../outbound/outbound-attachments.ts';
import { idPage, type Page, type PageRequest } from '../pagination.ts';
import { authorizeMailLogEntry, mailLogProjects } from './mail-log-scope.ts';

/**
 * What the log lists of each mail: not its bodies, headers or MIME, which may be megabytes each (a thank-you
 * quotes the whole description); the message itself (getOutboundMessage) has them.
 */
const LISTED_COLUMNS = [
  'o.id',
  'o.kind',
  'o.project_id',
  'o.ticket_id',
  'o.note_id',
  'o.from_header',
  'o.to_address',
  'o.subject',
  'o.message_id',
  'o.in_reply_to',
  'o.references',
  'o.reply_to',
  'o.attachment_ids',
  'o.state',
  'o.attempts',
  'o.error',
  'o.created_at',
  'o.sent_at',
  'o.sender_account',
] as const;

export type OutboundListItem = Omit<OutboundMessageRow, 'headers' | 'text_body' | 'html_body' | 'raw'> & { ticket_iid: number | null };
export type OutboundMessage = OutboundMessageRow & { ticket_iid: number | null };

/** Newest first. */
export async function listOutboundMessages(
  deps: Deps,
  actor: Actor,
  filter: PageRequest & { projectRef?: string; to?: string },
): Promise<Page<OutboundListItem>> {
  const projects = await mailLogProjects(deps.db.db, actor, filter.projectRef);
  const page = idPage(filter);
  let query = deps.db.db
    .selectFrom('outbound_messages as o')
    .leftJoin('tickets as t', 't.id', 'o.ticket_id')
    .select(LISTED_COLUMNS)
    .select('t.iid as ticket_iid');
  if (projects !== null) query = query.where('o.project_id', 'in', projects.length ? projects : [-1]);
  if (filter.to) query = query.where('o.to_address', '=', filter.to);
  if (page.after) query = query.where('o.id', '<', page.after);
  const rows = await query
    .orderBy('o.id', 'desc')
    .limit(page.perPage + 1)
    .execute();
  return page.finish(rows.map(withThreadKeysMasked));
}

export async function getOutboundMessage(deps: Deps, actor: Actor, id: number): Promise<OutboundMessage> {
  const row = await deps.db.db
    .selectFrom('outbound_messages as o')
    .leftJoin('tickets as t', 't.id', 'o.ticket_id')
    .selectAll('o')
    .select('t.iid as ticket_iid')
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Message');
  await authorizeMailLogEntry(deps.db.db, actor, row.project_id);
  return withKeysMasked(row);
}

/** The MIME message as sent or kept (empty until delivery rendered it), its reply keys masked. */
export async function getOutboundRaw(deps: Deps, actor: Actor, id: number): Promise<string> {
  const row = await getOutboundMessage(deps, actor, id);
  const stored = await deps.db.db.selectFrom('outbound_messages').select('raw').where('id', '=', id).executeTakeFirstOrThrow();
  if (!stored.raw) return '';
  return composeMessage(row, new Date(row.sent_at ?? row.created_at), await outboundAttachments(deps.db.db, row));
}

const withThreadKeysMasked = <T extends Pick<OutboundMessageRow, 'reply_to' | 'references'>>(row: T): T => ({
  ...row,
  reply_to: row.reply_to && maskReplyKeys(row.reply_to),
  references: maskReplyKeys(row.references),
});

const withKeysMasked = (row: OutboundMessage): OutboundMessage => ({
  ...withThreadKeysMasked(row),
  headers: maskReplyKeys(row.headers),
  text_body: maskReplyKeys(row.text_body),
  html_body: row.html_body && maskReplyKeys(row.html_body),
  raw: null,
});
