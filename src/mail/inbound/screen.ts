// Stage 2: mail that must make nothing and answer nothing. Answering an auto-reply starts a mail
// loop; answering a bounce mails a mailer daemon; answering a newsletter or spam mails someone who never
// wrote; mail with no sender has no one to answer. RFC 3834 (Auto-Submitted), RFC 3464 (bounces),
// RFC 2369/2919 (list headers), RFC 5321 §4.5.5 (the null reverse-path of notifications).
import { headerValue, type ParsedMessage } from './parsed-message.ts';

export type ScreenReason = 'auto_submitted' | 'auto_reply' | 'bounce' | 'bulk' | 'spam' | 'own_address' | 'no_sender';

export type ScreenVerdict = { kind: 'accept' } | { kind: 'ignore'; reason: ScreenReason; detail: string };

export interface ScreenContext {
  /** The SMTP envelope's MAIL FROM: `''` for the null reverse-path `<>`; null when the mail came another way. */
  envelopeFrom?: string | null;
  /** Whether Postdesk itself sends from or receives at this address (a loop in the making). */
  isOwnAddress?: (address: string) => boolean;
}

export function screenMessage(message: ParsedMessage, context: ScreenContext = {}): ScreenVerdict {
  // SD-19: any value but `no` marks machine-made mail, our own included (SD-22). Unlike GitLab, `No`
  // counts as `no`: RFC 3834 keywords are case-insensitive.
  const autoSubmitted = headerValue(message, 'auto-submitted');
  if (autoSubmitted !== null && autoSubmitted.trim().toLowerCase() !== 'no')
    return { kind: 'ignore', reason: 'auto_submitted', detail: `Auto-Submitted: ${autoSubmitted.trim()}` };
  // SD-20: out-of-office replies that lack the RFC 3834 header.
  if (headerValue(message, 'x-autoreply')?.trim() === 'yes') return { kind: 'ignore', reason: 'auto_reply', detail: 'X-Autoreply: yes' };
  // Beyond GitLab (SD-21): the de-facto marks of autoresponders, mass mail and delivery reports.
  const precedence = headerValue(message, 'precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply') return { kind: 'ignore', reason: 'auto_reply', detail: 'Precedence: auto_reply' };
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return { kind: 'ignore', reason: 'bulk', detail: `Precedence: ${precedence}` };
  const bounce = bounceMark(message, context.envelopeFrom ?? null);
  if (bounce) return { kind: 'ignore', reason: 'bounce', detail: bounce };
  const spam = spamMark(message);
  if (spam) return { kind: 'ignore', reason: 'spam', detail: spam };
  const sender = message.replyTo ?? message.from ?? message.sender;
  if (!sender?.includes('@')) return { kind: 'ignore', reason: 'no_sender', detail: 'no From, Reply-To or Sender address' };
  const own = [message.from, message.replyTo, message.sender].find((address) => address && context.isOwnAddress?.(address));
  if (own) return { kind: 'ignore', reason: 'own_address', detail: `from ${own.toLowerCase()}, an address of this Postdesk` };
  return { kind: 'accept' };
}

/**
 * Mailing-list and newsletter mail (`List-Id`, `List-Unsubscribe`) is screened after routing: it is ignored
 * unless it came through a reply key, where a list that relays a customer's reply still delivers their words.
 */
export function listMailDetail(message: ParsedMessage): string | null {
  if (headerValue(message, 'list-id') !== null) return 'List-Id';
  if (headerValue(message, 'list-unsubscribe') !== null) return 'List-Unsubscribe';
  return null;
}

/**
 * What makes a mail a bounce, whatever else it says (a DSN is often Auto-Submitted too): a delivery report,
 * a mailer daemon's From, or the null reverse-path of notifications (a missing Return-Path is not empty).
 */
export function bounceMark(message: ParsedMessage, envelopeFrom: string | null): string | null {
  if (message.contentType.startsWith('multipart/report')) return 'a delivery report (multipart/report)';
  const from = message.from?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster)@/.test(from)) return `from ${from}`;
  if (envelopeFrom === '') return 'an empty return path (MAIL FROM:<>)';
  if (isNullPath(headerValue(message, 'return-path'))) return 'an empty return path (Return-Path: <>)';
  return null;
}

const isNullPath = (value: string | null) => value !== null && value.replace(/\s+/g, '') === '<>';

/** The verdict a spam filter in front of Postdesk stamped: `X-Spam-Flag: YES` (SpamAssassin) or `X-Spam-Status: Yes, …`. */
function spamMark(message: ParsedMessage): string | null {
  if (headerValue(message, 'x-spam-flag')?.trim().toLowerCase() === 'yes') return 'X-Spam-Flag: YES';
  if (/^yes\b/i.test(headerValue(message, 'x-spam-status')?.trim() ?? '')) return 'X-Spam-Status: Yes';
  return null;
}
