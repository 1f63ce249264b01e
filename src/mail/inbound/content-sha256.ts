// "The same mail" (issue 10) is the same Message-ID with the same content. The content is what the writer
// made: the body's bytes and the From, To, Cc, Subject and Date headers. Headers added on the way (Received,
// Return-Path, Delivered-To, X-Original-To, Authentication-Results, ARC-*, DKIM-Signature, …) are not part
// of it, so a copy that came by another path is still the same mail, while a different mail that reuses a
// Message-ID (broken mailers do) is not. Line ends do not count either: IMAP, SMTP and a pipe differ there.
import { createHash } from 'node:crypto';
import type { HeaderField } from './parsed-message.ts';

const WRITER_HEADERS = ['from', 'to', 'cc', 'subject', 'date'];

export function contentSha256(raw: Buffer, headers: HeaderField[]): string {
  const hash = createHash('sha256');
  for (const name of WRITER_HEADERS) {
    const values = headers.filter((h) => h.name === name).map((h) => h.value.replace(/\s+/g, ' '));
    hash.update(`${name}: ${values.join('\n')}\n`);
  }
  hash.update('\n');
  const body = bodyOf(raw);
  let start = 0;
  for (let cr = body.indexOf(0x0d); cr >= 0; cr = body.indexOf(0x0d, start)) {
    hash.update(body.subarray(start, cr));
    start = cr + 1;
  }
  hash.update(body.subarray(start));
  return hash.digest('hex');
}

/** What follows the first empty line, without the line ends that trail it (an MTA may add one). */
function bodyOf(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : raw.length;
  let last = raw.length;
  while (last > end && (raw[last - 1] === 0x0a || raw[last - 1] === 0x0d)) last--;
  return raw.subarray(end, last);
}
