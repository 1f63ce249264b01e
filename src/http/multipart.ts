// A small multipart/form-data reader (RFC 7578) for file uploads: the body is already in memory and
// bounded (the route's bodyLimit), so this only splits it at the boundary and reads each part's
// Content-Disposition and Content-Type. It never writes to disk, never decodes transfer encodings (RFC
// 7578 §4.7 forbids them) and refuses anything odd with 400 rather than guessing: too many parts, a
// field given twice, headers that do not end, a body without its closing delimiter.
import { DomainError } from '../domain/errors.ts';

export interface UploadedFile {
  /** Reduced to a plain name: no directories, no control characters, at most 255 characters. */
  filename: string;
  /** The part's Content-Type, lower-case; application/octet-stream when absent or malformed. */
  contentType: string;
  content: Buffer;
}

/** Field name → a file (parts with a filename) or a text value. */
export type MultipartFields = Record<string, UploadedFile | string>;

const MAX_PARTS = 10;
const MAX_PART_HEADER_BYTES = 8 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

const bad = (problem: string) => new DomainError('invalid', `The multipart/form-data body ${problem}`, { body: problem });

/** The boundary parameter of a multipart/form-data Content-Type (RFC 2046 §5.1.1: 1–70 characters). */
export function boundaryOf(contentType: string | undefined): string {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw bad('has no boundary in its Content-Type');
  return boundary;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartFields {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: MultipartFields = {};
  let position = body.indexOf(delimiter);
  if (position === -1) throw bad('has no part');
  for (let count = 0; ; count++) {
    position += delimiter.length;
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return fields; // "--": the close delimiter
    if (count === MAX_PARTS) throw bad(`has more than ${MAX_PARTS} parts`);
    if (!body.subarray(position, position + 2).equals(CRLF)) throw bad('has a malformed delimiter line');
    const headersStart = position + 2;
    const headersEnd = body.indexOf(HEADER_END, headersStart);
    if (headersEnd === -1 || headersEnd - headersStart > MAX_PART_HEADER_BYTES) throw bad('has a part whose headers do not end');
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headersEnd + HEADER_END.length);
    if (next === -1) throw bad('ends without its closing delimiter');
    const part = partOf(body.subarray(headersStart, headersEnd).toString('utf8'), body.subarray(headersEnd + HEADER_END.length, next));
    if (part) {
      if (Object.hasOwn(fields, part.name)) throw bad(`gives the field ${part.name} twice`);
      fields[part.name] = part.value;
    }
    position = next + CRLF.length;
  }
}

function partOf(headerText: string, content: Buffer): { name: string; value: UploadedFile | string } | null {
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  if (!/^form-data\s*(;|$)/i.test(disposition)) return null;
  const name = parameter(disposition, 'name');
  if (!name) return null;
  const filename = parameter(disposition, 'filename');
  if (filename === null) return { name, value: content.toString('utf8') };
  return { name, value: { filename: plainFilename(filename), contentType: mediaType(headers.get('content-type')), content: Buffer.from(content) } };
}

/** A quoted or token parameter; `filename*=UTF-8''…` (RFC 5987) is preferred over `filename` when present. */
function parameter(header: string, key: string): string | null {
  const extended = new RegExp(`;\\s*${key}\\*\\s*=\\s*utf-8''([^;\\s]+)`, 'i').exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!);
    } catch {
      // fall through to the plain parameter
    }
  }
  const match = new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(header);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!;
}

/** What a browser sends may be a whole path (old IE) or hold control characters: keep the last segment, printable. */
export function plainFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const printable = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return printable.slice(0, 255) || 'upload';
}

function mediaType(value: string | undefined): string {
  const type = (value ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(type) ? type : 'application/octet-stream';
}
