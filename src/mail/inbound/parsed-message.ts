// What the later stages need from a parsed mail, in plain types: the stages never touch mailparser (which
// is loaded only in the parsing worker threads, stage-workers.ts).
import addressparser from 'nodemailer/lib/addressparser';
import type { Bytes } from '../../db/pieces.ts';
import { safeText } from '../../domain/safe-text.ts';

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  /** One Buffer, or pieces of at most 1 MiB in order (db/pieces.ts), as a large file is decoded. */
  content: Bytes;
  /** Without angle brackets, for matching `cid:` references in the HTML body. */
  contentId: string | null;
  /** Shown inside the HTML body (an inline image) rather than attached. */
  inline: boolean;
}

export interface HeaderField {
  /** Lower-case. */
  name: string;
  /** Unfolded raw value. */
  value: string;
}

export interface ParsedMessage {
  /** `<id@host>`, or null when the mail has none. */
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  subject: string | null;
  /** Bare addresses, as written. */
  from: string | null;
  replyTo: string | null;
  sender: string | null;
  to: string[];
  cc: string[];
  /** Every header in order, for the routing search (SD-14) and the screen. */
  headers: HeaderField[];
  /** Of the top-level part, lower-case: `multipart/report` marks a bounce (RFC 3464). */
  contentType: string;
  text: string | null;
  html: string | null;
  attachments: ParsedAttachment[];
}

/** The first value of a header, or null. */
export const headerValue = (message: Pick<ParsedMessage, 'headers'>, name: string) => message.headers.find((h) => h.name === name)?.value ?? null;

/** Bare addresses from header fields such as To or Delivered-To (groups flattened). */
export function addressesIn(fields: HeaderField[]): string[] {
  const out: string[] = [];
  for (const field of fields) {
    for (const entry of addressparser(field.value, { flatten: true })) if (entry.address) out.push(safeText(entry.address));
  }
  return out;
}
