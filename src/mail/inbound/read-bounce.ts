// What a bounce says (RFC 3464 delivery status notifications, and the plain-text kind older servers send):
// whether delivery failed for good or is only delayed, for whom, why, and which of our mails it returns.
// Pure: read from the raw bytes, since mailparser folds the delivery-status part into the text.
import { lengthOf, piecesOf, type RawBytes } from '../../app/inbound/raw-message.ts';
import { safeText } from '../../domain/safe-text.ts';
import { headerValue, type ParsedMessage } from './parsed-message.ts';

export interface BounceReport {
  /** `failed`: given up for good; `delayed`: still trying (nothing to do); `none`: not a bounce at all. */
  outcome: 'failed' | 'delayed' | 'none';
  recipient: string | null;
  /** The enhanced status code (RFC 3463), such as `5.1.1`. */
  status: string | null;
  diagnostic: string | null;
  /** The Message-ID of the returned mail (its headers travel with the report). */
  originalMessageId: string | null;
}

const MAX_SCAN = 256 * 1024;

export function readBounce(raw: RawBytes, message: ParsedMessage, envelopeFrom: string | null): BounceReport {
  // Read from the raw bytes, so made safe here as parse does for the rest: a NUL reaching a query fails it on PostgreSQL.
  const text = safeText(Buffer.concat(piecesOf(raw), Math.min(MAX_SCAN, lengthOf(raw))).toString('latin1'));
  const bodyStart = text.search(/\r?\n\r?\n/);
  const body = bodyStart < 0 ? '' : text.slice(bodyStart);
  const field = (name: string) => new RegExp(`^${name}:[ \\t]*(.+(?:\\r?\\n[ \\t]+.+)*)`, 'gim');
  const values = (name: string) => [...body.matchAll(field(name))].map((m) => m[1]!.replace(/\s+/g, ' ').trim());
  const actions = values('Action').map((a) => a.toLowerCase());
  const statuses = values('Status')
    .map((s) => /^([245]\.\d{1,3}\.\d{1,3})/.exec(s)?.[1])
    .filter((s): s is string => Boolean(s));
  const recipient = (values('Final-Recipient')[0] ?? values('Original-Recipient')[0] ?? null)?.replace(/^rfc822;\s*/i, '') ?? null;
  const originalMessageId = /^Message-ID:[ \t]*(<[^>\r\n]+>)/im.exec(body)?.[1] ?? null;
  const diagnostic =
    values('Diagnostic-Code')[0]
      ?.replace(/^smtp;\s*/i, '')
      .slice(0, 300) ?? null;
  const failed = actions.includes('failed') || statuses.some((s) => s.startsWith('5.'));
  if (failed) return { outcome: 'failed', recipient, status: statuses.find((s) => s.startsWith('5.')) ?? statuses[0] ?? null, diagnostic, originalMessageId };
  if (actions.includes('delayed') || statuses.some((s) => s.startsWith('4.')))
    return { outcome: 'delayed', recipient, status: statuses[0] ?? null, diagnostic, originalMessageId };
  // A bounce without delivery-status fields: from a mailer daemon, or with the null return path.
  const from = message.from?.toLowerCase() ?? '';
  const nullPath = envelopeFrom === '' || headerValue(message, 'return-path')?.replace(/\s+/g, '') === '<>';
  if (actions.length === 0 && (/^(mailer-daemon|postmaster)@/.test(from) || nullPath)) {
    const firstLine =
      message.text
        ?.split('\n')
        .find((line) => line.trim() !== '')
        ?.trim()
        .slice(0, 300) ?? null;
    return { outcome: 'failed', recipient, status: null, diagnostic: firstLine, originalMessageId };
  }
  return { outcome: 'none', recipient, status: null, diagnostic: null, originalMessageId };
}
