// Stage 2: mail that must make nothing and answer nothing. Answering an auto-reply starts a mail
// loop; answering a bounce mails a mailer daemon. RFC 3834 (Auto-Submitted), RFC 3464 (bounces).
import { headerValue, type ParsedMessage } from './parsed-message.ts';

export type ScreenVerdict = { kind: 'accept' } | { kind: 'ignore'; reason: 'auto_submitted' | 'auto_reply' | 'bounce'; detail: string };

export function screenMessage(message: ParsedMessage): ScreenVerdict {
  // SD-19: any value but `no` marks machine-made mail, our own included (SD-22). Unlike GitLab, `No`
  // counts as `no`: RFC 3834 keywords are case-insensitive.
  const autoSubmitted = headerValue(message, 'auto-submitted');
  if (autoSubmitted !== null && autoSubmitted.trim().toLowerCase() !== 'no')
    return { kind: 'ignore', reason: 'auto_submitted', detail: `Auto-Submitted: ${autoSubmitted.trim()}` };
  // SD-20: out-of-office replies that lack the RFC 3834 header.
  if (headerValue(message, 'x-autoreply')?.trim() === 'yes') return { kind: 'ignore', reason: 'auto_reply', detail: 'X-Autoreply: yes' };
  // Beyond GitLab (SD-21): the de-facto marks of autoresponders and delivery reports.
  const precedence = headerValue(message, 'precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply') return { kind: 'ignore', reason: 'auto_reply', detail: 'Precedence: auto_reply' };
  if (message.contentType.startsWith('multipart/report')) return { kind: 'ignore', reason: 'bounce', detail: 'a delivery report (multipart/report)' };
  const from = message.from?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster)@/.test(from)) return { kind: 'ignore', reason: 'bounce', detail: `from ${from}` };
  return { kind: 'accept' };
}
