import type { Generated, Selectable } from 'kysely';

export type InboundState = 'received' | 'processed' | 'ignored' | 'failed';
export type InboundChannel = 'smtp' | 'imap' | 'http' | 'cli';

/**
 * Every received mail, stored before it is acknowledged, then processed exactly once. Its bytes are in
 * `inbound_message_pieces` (migration 020), so writing its outcome never rewrites them.
 */
export interface InboundMessagesTable {
  id: Generated<number>;
  channel: InboundChannel;
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

/**
 * A received mail's bytes, in order, in pieces of at most 1 MiB (app/inbound/raw-message.ts): no statement
 * binds or returns a whole 25 MB mail, which cost ~3× its size in memory on SQLite and ~5× on PostgreSQL.
 */
export interface InboundMessagePiecesTable {
  inbound_message_id: number;
  seq: number;
  bytes: Buffer;
}

export interface InboundDedupeTable {
  key: string;
  inbound_message_id: number;
}

export type InboundMessageRow = Selectable<InboundMessagesTable>;
