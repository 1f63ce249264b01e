import type { Generated, Selectable } from 'kysely';

export type OutboundState = 'queued' | 'sending' | 'sent' | 'kept' | 'failed' | 'uncertain';

/** The outbox: one row per recipient, written in the transaction of the change that causes the mail. */
export interface OutboundMessagesTable {
  id: Generated<number>;
  kind: string;
  project_id: number | null;
  ticket_id: number | null;
  note_id: number | null;
  from_header: string;
  to_address: string;
  subject: string;
  message_id: string;
  in_reply_to: string | null;
  /** Space-separated message ids. */
  references: string;
  reply_to: string | null;
  /** JSON object of further headers (Auto-Submitted, List-Unsubscribe …). */
  headers: string;
  text_body: string;
  /** The HTML part, rendered from the same template; null for mail queued before templates. */
  html_body: Generated<string | null>;
  /** JSON array of attachment ids the mail carries as MIME attachments (an agent's comment with files); null for none. */
  attachment_ids: Generated<string | null>;
  /** The MIME message, rendered when first delivered (or kept). */
  raw: string | null;
  state: OutboundState;
  attempts: Generated<number>;
  error: string | null;
  created_at: string;
  sent_at: string | null;
  /** Which account it goes out through (chosen when written): null the instance relay, `project` its project's own SMTP account. */
  sender_account: Generated<SenderAccount | null>;
}

export type SenderAccount = 'project';

export interface ReplyKeysTable {
  id: Generated<number>;
  /** SHA-256 of the key: the key itself lives only in the mail we sent. */
  key_hash: string;
  ticket_id: number;
  /** Whom the mail carrying this key went to. */
  email: string;
  /** Set when it went to a team member: their reply by mail is a note by them. */
  user_id: Generated<number | null>;
  /** 1 when the mail was about an internal note: a reply to it stays internal. */
  internal: Generated<number>;
  created_at: string;
}

export type OutboundMessageRow = Selectable<OutboundMessagesTable>;
