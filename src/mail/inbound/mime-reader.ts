// mailparser's MailParser, read as its simpleParser reads it, but with each file gathered into 1 MiB pieces
// (piece-gatherer.ts) instead of joined into one Buffer: a 19 MB attachment is held once while it is decoded,
// not twice, and its pieces go on to the database as they are (db/pieces.ts).
import type { Readable } from 'node:stream';
import { type AttachmentStream, MailParser, type ParsedMail } from 'mailparser';
import { PieceGatherer } from './piece-gatherer.ts';

export type GatheredAttachment = Omit<AttachmentStream, 'content' | 'release'> & { content: Buffer[] };

export type GatheredMail = Omit<ParsedMail, 'attachments'> & { attachments: GatheredAttachment[] };

/** simpleParser's fields, taken from the parsed header map as it takes them. */
const HEADER_FIELDS = ['subject', 'references', 'date', 'to', 'from', 'cc', 'bcc', 'message-id', 'in-reply-to', 'reply-to'];

export function readMime(input: Readable): Promise<GatheredMail> {
  const parser = new MailParser({ skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const mail = { attachments: [] as GatheredAttachment[] } as GatheredMail & Record<string, unknown>;
  return new Promise((resolve, reject) => {
    // MailParser may emit a non-fatal 'error' and still reach 'end': the first of the two settles.
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(mail);
    };
    parser.on('error', settle);
    input.once('error', (error) => {
      parser.destroy();
      settle(error);
    });
    parser.on('headers', (headers) => {
      mail.headers = headers;
      mail.headerLines = parser.headerLines || [];
    });
    parser.on('data', (data) => {
      if (data.type === 'text') {
        if (data.text !== undefined) mail.text = data.text;
        if (data.html !== undefined) mail.html = data.html;
        return;
      }
      const { content, release, ...fields } = data;
      const gatherer = new PieceGatherer();
      const attachment: GatheredAttachment = { ...fields, content: [] };
      mail.attachments.push(attachment);
      content.on('data', (chunk: Buffer) => gatherer.add(chunk));
      content.on('end', () => {
        attachment.content = gatherer.finish();
        attachment.size = gatherer.length;
        release?.();
      });
    });
    parser.on('end', () => {
      for (const key of HEADER_FIELDS) {
        if (mail.headers?.has(key)) mail[key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = mail.headers.get(key);
      }
      settle(null);
    });
    input.pipe(parser);
  });
}
