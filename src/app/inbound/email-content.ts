// What the ingest job hands to the use cases once a mail is parsed, screened, routed and converted.
import type { IncomingFile } from '../tickets/store-attachments.ts';
import type { InboundSummary } from './inbound-outcome.ts';

export interface EmailContent {
  inboundMessageId: number;
  rawSha256: string;
  /** The hash of what the writer made (body, From, To, Cc, Subject, Date): with the Message-ID, what makes a duplicate. */
  contentSha256: string;
  summary: InboundSummary;
  /** `<id@host>` or null. */
  messageId: string | null;
  subject: string | null;
  /** SD-30 on a new ticket (Reply-To, From, Sender); SD-54 on a reply (From, Sender). */
  sender: string | null;
  cc: string[];
  /** Everyone the mail itself went to (To and Cc): they have it already. */
  recipients: string[];
  /** Converted Markdown: quick actions redacted, quotes trimmed into a details block for replies. */
  body: string;
  /** True when `body` has nothing the writer wrote now (only quotes, or nothing). */
  bodyIsEmpty: boolean;
  files: IncomingFile[];
  matchedBy: string;
  /** Labels a new ticket gets from the address it came to (an extra address); none on replies. */
  labels?: string[];
  /**
   * The From is forged as far as DMARC can tell (domain/mail-authentication.ts isForgedSender): nothing is
   * mailed to it automatically and its Cc adds no participants, so a forger cannot use the desk to mail others.
   */
  senderForged?: boolean;
  /** Kept as the message's `reason` when it was processed in an unusual way (a forged reply opened a new ticket). */
  reason?: string;
}

/** Raised when this message (same bytes, or same Message-ID and content to the same project) was processed before. */
export class DuplicateMessage extends Error {
  override name = 'DuplicateMessage';
}

/** Raised when a sender opened more tickets in the last hour than RATE_LIMIT_NEW_TICKETS_PER_SENDER_HOUR allows. */
export class SenderRateLimited extends Error {
  override name = 'SenderRateLimited';
  constructor(
    message: string,
    readonly projectId: number,
  ) {
    super(message);
  }
}
