// What the mail viewer shows of one message of the mail log: its headers, its HTML part made safe
// (sanitize-mail-html.ts) or else its text part, and the names of its files. Same permission as the raw
// message (getInboundMessage / getOutboundMessage). The page itself is made at the HTTP edge, which
// escapes every value here except `html`, which is already sanitised.
import type { AddressObject } from 'mailparser';
import type { Actor } from '../../domain/actor.ts';
import type { Deps } from '../deps.ts';
import { readRawMessage } from '../inbound/raw-message.ts';
import { getInboundMessage } from './inbound-messages.ts';
import { getOutboundMessage } from './outbound-messages.ts';

export interface RenderedMessage {
  title: string;
  /** In display order; absent headers are left out. */
  headers: Array<{ name: 'From' | 'To' | 'Cc' | 'Reply-To' | 'Subject' | 'Date'; value: string }>;
  /** Sanitised HTML, or null when the message has no HTML part. */
  html: string | null;
  /** The text part as written (to be escaped), used when there is no HTML part. */
  text: string | null;
  attachments: Array<{ filename: string; contentType: string; size: number }>;
}

/**
 * The sanitiser (sanitize-html, postcss) is loaded on the first view: a server that shows no mail need not
 * hold it in memory (issue 10: an idle server well under 100 MB). mailparser likewise, just above its use.
 */
const viewerLibraries = () => import('./sanitize-mail-html.ts');

const addressText = (value: AddressObject | AddressObject[] | undefined) =>
  value === undefined ? '' : (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');

export async function renderInboundMessage(deps: Deps, actor: Actor, id: number): Promise<RenderedMessage> {
  const message = await getInboundMessage(deps, actor, id);
  const { simpleParser } = await import('mailparser');
  const { sanitizeMailHtml } = await viewerLibraries();
  // Inline images (cid:) become data: URLs here, so the sanitiser can keep them without any request.
  const mail = await simpleParser(await readRawMessage(deps.db.db, message.id), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const date = mail.headerLines.find((h) => h.key === 'date')?.line.replace(/^date:\s*/i, '');
  const headers: RenderedMessage['headers'] = [
    { name: 'From', value: addressText(mail.from) },
    { name: 'To', value: addressText(mail.to) },
    { name: 'Cc', value: addressText(mail.cc) },
    { name: 'Reply-To', value: addressText(mail.replyTo) },
    { name: 'Subject', value: mail.subject ?? '' },
    { name: 'Date', value: date ?? '' },
  ];
  return {
    title: mail.subject || `Message ${message.id}`,
    headers: headers.filter((h) => h.value !== ''),
    html: typeof mail.html === 'string' ? sanitizeMailHtml(mail.html) : null,
    text: mail.text ?? null,
    attachments: mail.attachments.filter((a) => !a.related).map((a) => ({ filename: a.filename ?? 'unnamed', contentType: a.contentType, size: a.size })),
  };
}

/** Mail we sent or kept, from the fields its MIME was composed from (the same text, HTML and headers). */
export async function renderOutboundMessage(deps: Deps, actor: Actor, id: number): Promise<RenderedMessage> {
  const message = await getOutboundMessage(deps, actor, id);
  const ids = message.attachment_ids ? (JSON.parse(message.attachment_ids) as number[]) : [];
  const files = ids.length
    ? await deps.db.db.selectFrom('attachments').select(['filename', 'content_type', 'size']).where('id', 'in', ids).orderBy('id').execute()
    : [];
  const headers: RenderedMessage['headers'] = [
    { name: 'From', value: message.from_header },
    { name: 'To', value: message.to_address },
    { name: 'Reply-To', value: message.reply_to ?? '' },
    { name: 'Subject', value: message.subject },
    { name: 'Date', value: new Date(message.sent_at ?? message.created_at).toUTCString() },
  ];
  const { sanitizeMailHtml } = await viewerLibraries();
  return {
    title: message.subject,
    headers: headers.filter((h) => h.value !== ''),
    html: message.html_body === null ? null : sanitizeMailHtml(message.html_body),
    text: message.text_body,
    attachments: files.map((f) => ({ filename: f.filename, contentType: f.content_type, size: f.size })),
  };
}
