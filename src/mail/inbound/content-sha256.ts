// "The same mail" (issue 10) is the same Message-ID with the same content. The content is what the writer
// made: the body's bytes and the From, To, Cc, Subject and Date headers. Headers added on the way (Received,
// Return-Path, Delivered-To, X-Original-To, Authentication-Results, ARC-*, DKIM-Signature, …) are not part
// of it, so a copy that came by another path is still the same mail, while a different mail that reuses a
// Message-ID (broken mailers do) is not. Line ends do not count either: IMAP, SMTP and a pipe differ there.
import { createHash, type Hash } from 'node:crypto';
import { piecesOf, type RawBytes } from '../../app/inbound/raw-message.ts';
import type { HeaderField } from './parsed-message.ts';

const WRITER_HEADERS = ['from', 'to', 'cc', 'subject', 'date'];

export function contentSha256(raw: RawBytes, headers: HeaderField[]): string {
  const hash = createHash('sha256');
  for (const name of WRITER_HEADERS) {
    const values = headers.filter((h) => h.name === name).map((h) => h.value.replace(/\s+/g, ' '));
    hash.update(`${name}: ${values.join('\n')}\n`);
  }
  hash.update('\n');
  const pieces = piecesOf(raw);
  const [start, end] = bodyRange(pieces);
  let offset = 0;
  for (const piece of pieces) {
    const from = Math.max(start - offset, 0);
    const to = Math.min(end - offset, piece.length);
    if (from < to) updateWithoutCr(hash, piece.subarray(from, to));
    offset += piece.length;
  }
  return hash.digest('hex');
}

function updateWithoutCr(hash: Hash, bytes: Buffer): void {
  let start = 0;
  for (let cr = bytes.indexOf(0x0d); cr >= 0; cr = bytes.indexOf(0x0d, start)) {
    hash.update(bytes.subarray(start, cr));
    start = cr + 1;
  }
  hash.update(bytes.subarray(start));
}

/** Where the body lies: after the first empty line, without the line ends that trail it (an MTA may add one). */
function bodyRange(pieces: readonly Buffer[]): [number, number] {
  const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const crlf = indexAcross(pieces, Buffer.from('\r\n\r\n'));
  const lf = indexAcross(pieces, Buffer.from('\n\n'));
  const start = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : length;
  let end = length;
  for (let p = pieces.length - 1; p >= 0; p--) {
    const piece = pieces[p]!;
    let last = piece.length;
    while (last > 0 && end > start && (piece[last - 1] === 0x0a || piece[last - 1] === 0x0d)) {
      last--;
      end--;
    }
    if (last > 0) break;
  }
  return [start, end];
}

/** The first position of `needle` in the pieces taken as one, including across a seam; -1 when absent. */
function indexAcross(pieces: readonly Buffer[], needle: Buffer): number {
  let offset = 0;
  let carry: Buffer = Buffer.alloc(0); // the previous piece's last bytes: a match that starts there ends in this piece
  for (const piece of pieces) {
    const seam = Buffer.concat([carry, piece.subarray(0, needle.length - 1)]).indexOf(needle);
    if (seam >= 0) return offset - carry.length + seam;
    const inside = piece.indexOf(needle);
    if (inside >= 0) return offset + inside;
    const keep = needle.length - 1;
    carry = piece.length >= keep ? piece.subarray(piece.length - keep) : Buffer.concat([carry, piece]).subarray(-keep);
    offset += piece.length;
  }
  return -1;
}
