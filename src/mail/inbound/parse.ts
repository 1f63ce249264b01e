// Stage 1: raw bytes → ParsedMessage. Deterministic from the bytes; never throws on odd input
// (mailparser accepts garbage and yields empty fields), so every message reaches a recorded outcome.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AddressObject } from 'mailparser';
import { piecesOf, type RawBytes } from '../../app/inbound/raw-message.ts';
import { safeOptionalText, safeText } from '../../domain/safe-text.ts';
import { type GatheredAttachment, type GatheredMail, readMime } from './mime-reader.ts';
import { addressesIn, type HeaderField, type ParsedAttachment, type ParsedMessage } from './parsed-message.ts';

export async function parseMessage(raw: RawBytes): Promise<ParsedMessage> {
  const mail = await readMime(inSlices(withoutLeadingWhitespace(piecesOf(raw))));
  const headers = mail.headerLines.map(unfold);
  const untyped = mail.attachments.filter(isUntypedText);
  return {
    messageId: bracketed(mail.messageId),
    inReplyTo: messageIds(mail.inReplyTo),
    references: messageIds(mail.references),
    subject: safeOptionalText(mail.subject) ?? null,
    from: firstAddress(mail.from),
    replyTo: firstAddress(mail.replyTo),
    sender: addressesIn(headers.filter((h) => h.name === 'sender'))[0] ?? null,
    to: addressList(mail.to),
    cc: addressList(mail.cc),
    headers,
    contentType: contentTypeOf(mail),
    text: joinedText(mail.text, untyped),
    html: typeof mail.html === 'string' ? safeText(mail.html) : null,
    attachments: attachmentsOf(mail.attachments.filter((a) => !untyped.includes(a))),
  };
}

/**
 * RFC 2045 §5.2: a part whose Content-Type is empty or unreadable (only parameters, `Content-Type: ;…`) is
 * `text/plain; charset=us-ascii`. mailparser makes such a part inside a multipart a typeless attachment;
 * it is text the customer wrote, so it joins the body, unless it names a file (then it stays a file).
 */
const isUntypedText = (a: GatheredAttachment) => !hasType(a) && !a.filename;
const hasType = (a: GatheredAttachment) => typeof a.contentType === 'string' && a.contentType.trim() !== '';

/** The text parts, then the untyped ones in order; every NUL and lone surrogate gone (domain/safe-text.ts). */
function joinedText(text: string | undefined, untyped: GatheredAttachment[]): string | null {
  const parts = [text ?? '', ...untyped.map(decodedText)].filter((part) => part !== '');
  return parts.length === 0 ? null : safeText(parts.join('\n'));
}

/** us-ascii is read as UTF-8, its superset, so 8-bit bytes sent without a charset still show (as U+FFFD at worst). */
function decodedText(part: GatheredAttachment): string {
  const header = part.headers.get('content-type') as { params?: { charset?: string } } | undefined;
  const charset = header?.params?.charset ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(Buffer.concat(part.content));
  } catch {
    return new TextDecoder('utf-8').decode(Buffer.concat(part.content)); // a charset TextDecoder does not know
  }
}

/**
 * The bytes as a stream of 64 KiB views (no copies). Given one large Buffer, mailparser's line splitter and
 * decoders work on it whole, and a 25 MB mail took ~135 MB of memory to parse; in slices, ~50 MB (most of it
 * the decoded attachment, gathered and then joined).
 */
const SLICE_BYTES = 65_536;
function inSlices(pieces: readonly Buffer[]): Readable {
  return Readable.from(
    (function* () {
      for (const piece of pieces) {
        for (let start = 0; start < piece.length; start += SLICE_BYTES) yield piece.subarray(start, start + SLICE_BYTES);
      }
    })(),
    { objectMode: false },
  );
}

/**
 * Piped or hand-saved mail sometimes starts with a blank line (7 of GitLab's fixtures do). mailparser would
 * read that line as the end of an empty header block and turn every header into body text, so the mail
 * would lose its sender and recipients; the Mail gem that GitLab uses drops leading whitespace, so do we.
 */
function withoutLeadingWhitespace(pieces: readonly Buffer[]): Buffer[] {
  const rest = [...pieces];
  while (rest.length > 0) {
    const piece = rest[0]!;
    let start = 0;
    while (start < piece.length && (piece[start] === 0x20 || (piece[start]! >= 0x09 && piece[start]! <= 0x0d))) start++;
    if (start < piece.length) {
      rest[0] = piece.subarray(start);
      break;
    }
    rest.shift();
  }
  return rest;
}

function unfold(line: { key: string; line: string }): HeaderField {
  const colon = line.line.indexOf(':');
  return {
    name: safeText(line.key.toLowerCase()),
    value: safeText(
      line.line
        .slice(colon + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    ),
  };
}

function addressList(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const flatten = (list: { address?: string; group?: { address?: string }[] }[]): string[] =>
    list.flatMap((entry) => (entry.group ? flatten(entry.group) : entry.address ? [safeText(entry.address)] : []));
  return objects.flatMap((o) => flatten(o.value));
}

const firstAddress = (value: AddressObject | undefined) => addressList(value)[0] ?? null;

const bracketed = (id: string | undefined | null) => {
  const trimmed = id?.trim();
  if (!trimmed) return null;
  return boundedMessageId(trimmed.startsWith('<') ? trimmed : `<${trimmed}>`);
};

/** RFC 5322 lines stop at 998 characters; PostgreSQL's b-tree indexes (tickets by Message-ID) refuse ~2.7 KB. */
const MAX_MESSAGE_ID_LENGTH = 998;

/**
 * A Message-ID as stored and matched: safe text, and one longer than any real mailer writes replaced by its
 * SHA-256. The replacement is the same wherever the id appears (Message-ID, In-Reply-To, References), so a
 * reply to such a mail still threads.
 */
function boundedMessageId(id: string): string {
  const safe = safeText(id);
  if (safe.length <= MAX_MESSAGE_ID_LENGTH) return safe;
  return `<${createHash('sha256').update(safe).digest('hex')}@long-message-id.invalid>`;
}

/**
 * Message ids from In-Reply-To or References. Scans for `<…>` groups, so a comma-joined single string
 * (Exchange, iOS Mail; SD-16) gives the same ids as a well-formed list.
 */
export function messageIds(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const found = text.match(/<[^<>\s]+>/g);
  if (found) return found.map(boundedMessageId);
  return text
    .split(/[\s,]+/)
    .filter((t) => t.includes('@'))
    .map((t) => boundedMessageId(`<${t}>`));
}

function contentTypeOf(mail: GatheredMail): string {
  const header = mail.headers.get('content-type') as { value?: string } | string | undefined;
  const value = typeof header === 'string' ? header : header?.value || 'text/plain';
  return safeText(value.toLowerCase());
}

function attachmentsOf(attachments: GatheredAttachment[]): ParsedAttachment[] {
  return attachments
    .filter((a) => !isSignature(a.contentType)) // SD-51: the S/MIME or PGP signature is not a file the customer sent
    .map((a, index) => {
      const contentType = hasType(a) ? safeText(a.contentType.toLowerCase()) : 'text/plain'; // RFC 2045 §5.2
      return {
        filename: sanitiseFilename(a.filename, contentType, index),
        contentType,
        content: a.content,
        contentId: safeOptionalText(a.cid) ?? null,
        inline: a.related === true || (a.contentDisposition === 'inline' && Boolean(a.cid)),
      };
    });
}

const isSignature = (contentType: string) => /^application\/(x-)?(pkcs7-signature|pgp-signature)$/i.test(contentType);

/** A name safe to offer for download: no path, no control characters, never empty. */
export function sanitiseFilename(name: string | undefined, contentType: string, index: number): string {
  const base = safeText(name ?? '')
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
