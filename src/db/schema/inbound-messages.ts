import type { Generated, Selectable } from 'kysely';

export type InboundState = 'received' | 'processed' | 'ignored' | 'failed';
export type InboundChannel = 'smtp' | 'imap' | 'http' | 'cli';

/** Every received mail, stored raw before it is acknowledged, then processed exactly once. */
export interface InboundMessagesTable {
  id: Generated<number>;
  channel: InboundChannel;
  raw: Buffer;
  raw_sha256: string;
  size: number;
  envelope_from: string | null;
  /** JSON array of the SMTP RCPT TO addresses (empty for channels without an envelope). */
  envelope_to: string;
  // Filled in by processing, for lists and explanations:
  message_id: string | null;
  from_address: string | null;
  /** JSON array. */
  to_addresses: string | null;
  /** JSON array; null for mail stored before it was kept (migration 008). */
  cc_addresses: Generated<string | null>;
  subject: string | null;
  state: InboundState;
  reason: string | null;
  error: string | null;
  project_id: number | null;
  ticket_id: number | null;
  note_id: number | null;
  matched_by: string | null;
  received_at: string;
  processed_at: string | null;
  /** IMAP only: the mailbox's identity, UIDVALIDITY and UID it was taken from (unique together). */
  imap_mailbox: Generated<string | null>;
  imap_uid_validity: Generated<string | null>;
  imap_uid: Generated<number | null>;
  /** SMTP only: the client's address and HELO name, kept for the SPF check in the ingest job (migration 010). */
  client_ip: Generated<string | null>;
  client_helo: Generated<string | null>;
  /** JSON MailAuthentication (domain/mail-authentication.ts), written with the outcome; null before processing. */
  authentication: Generated<string | null>;
}

export interface InboundDedupeTable {
  key: string;
  inbound_message_id: number;
}

export type InboundMessageRow = Selectable<InboundMessagesTable>;
