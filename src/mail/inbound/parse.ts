// Stage 1: raw bytes → ParsedMessage. Deterministic from the bytes; never throws on odd input
// (mailparser accepts garbage and yields empty fields), so every message reaches a recorded outcome.
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { addressesIn, type HeaderField, type ParsedAttachment, type ParsedMessage } from './parsed-message.ts';

export async function parseMessage(raw: Buffer): Promise<ParsedMessage> {
  const mail = await simpleParser(withoutLeadingWhitespace(raw), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const headers = mail.headerLines.map(unfold);
  return {
    messageId: bracketed(mail.messageId),
    inReplyTo: messageIds(mail.inReplyTo),
    references: messageIds(mail.references),
    subject: withoutNul(mail.subject) ?? null,
    from: firstAddress(mail.from),
    replyTo: firstAddress(mail.replyTo),
    sender: addressesIn(headers.filter((h) => h.name === 'sender'))[0] ?? null,
    to: addressList(mail.to),
    cc: addressList(mail.cc),
    headers,
    contentType: contentTypeOf(mail),
    text: withoutNul(mail.text) ?? null,
    html: typeof mail.html === 'string' ? (withoutNul(mail.html) ?? null) : null,
    attachments: attachmentsOf(mail),
  };
}

/**
 * A NUL character means nothing in mail text (RFC 5322 forbids it), and PostgreSQL refuses it in text
 * columns: one in a body would fail the whole mail there while SQLite kept it. Dropped at the door.
 */
function withoutNul(value: string | undefined): string | undefined {
  return value?.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

/**
 * Piped or hand-saved mail sometimes starts with a blank line (7 of GitLab's fixtures do). mailparser would
 * read that line as the end of an empty header block and turn every header into body text, so the mail
 * would lose its sender and recipients; the Mail gem that GitLab uses drops leading whitespace, so do we.
 */
function withoutLeadingWhitespace(raw: Buffer): Buffer {
  let start = 0;
  while (start < raw.length && (raw[start] === 0x20 || (raw[start]! >= 0x09 && raw[start]! <= 0x0d))) start++;
  return start === 0 ? raw : raw.subarray(start);
}

function unfold(line: { key: string; line: string }): HeaderField {
  const colon = line.line.indexOf(':');
  return {
    name: line.key.toLowerCase(),
    value: line.line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim(),
  };
}

function addressList(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const flatten = (list: { address?: string; group?: { address?: string }[] }[]): string[] =>
    list.flatMap((entry) => (entry.group ? flatten(entry.group) : entry.address ? [entry.address] : []));
  return objects.flatMap((o) => flatten(o.value));
}

const firstAddress = (value: AddressObject | undefined) => addressList(value)[0] ?? null;

const bracketed = (id: string | undefined | null) => {
  const trimmed = id?.trim();
  if (!trimmed) return null;
  return trimmed.startsWith('<') ? trimmed : `<${trimmed}>`;
};

/**
 * Message ids from In-Reply-To or References. Scans for `<…>` groups, so a comma-joined single string
 * (Exchange, iOS Mail; SD-16) gives the same ids as a well-formed list.
 */
export function messageIds(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const found = text.match(/<[^<>\s]+>/g);
  if (found) return found;
  return text
    .split(/[\s,]+/)
    .filter((t) => t.includes('@'))
    .map((t) => `<${t}>`);
}

function contentTypeOf(mail: ParsedMail): string {
  const header = mail.headers.get('content-type') as { value?: string } | string | undefined;
  const value = typeof header === 'string' ? header : (header?.value ?? 'text/plain');
  return value.toLowerCase();
}

function attachmentsOf(mail: ParsedMail): ParsedAttachment[] {
  return mail.attachments
    .filter((a) => !isSignature(a.contentType)) // SD-51: the S/MIME or PGP signature is not a file the customer sent
    .map((a, index) => ({
      filename: sanitiseFilename(a.filename, a.contentType, index),
      contentType: a.contentType.toLowerCase(),
      content: a.content,
      contentId: a.cid ?? null,
      inline: a.related === true || (a.contentDisposition === 'inline' && Boolean(a.cid)),
    }));
}

const isSignature = (contentType: string) => /^application\/(x-)?(pkcs7-signature|pgp-signature)$/i.test(contentType);

/** A name safe to offer for download: no path, no control characters, never empty. */
export function sanitiseFilename(name: string | undefined, contentType: string, index: number): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  if (base && base !== '.' && base !== '..') return base;
  const extension =
    contentType
      .split('/')[1]
      ?.replace(/[^a-z0-9]/gi, '')
      .slice(0, 10) || 'bin';
  return `attachment-${index + 1}.${extension}`;
}
