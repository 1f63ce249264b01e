import type { Generated, Selectable } from 'kysely';

/** An IMAP mailbox read for incoming mail, and what its reader last saw (written by the one process reading it). */
export interface MailboxesTable {
  id: Generated<number>;
  /** null: the instance's mailbox, IMAP_URL (its password stays in the environment). */
  project_id: number | null;
  /** `user@host:port/folder`: the same account and folder is the same mailbox, whoever added it. */
  identity: string;
  url_without_password: string;
  /** The password sealed with SECRET_KEY (app/secret-box.ts); null for the instance's mailbox and for OAuth 2.0. */
  password_sealed: string | null;
  /** Set: the reader signs in with XOAUTH2, an access token of these OAuth 2.0 credentials (migration 012). */
  oauth2_grant_id: number | null;
  /** The folder taken mail is moved to; null: it is flagged \Seen and stays. */
  move_to: string | null;
  created_at: string;
  connected: Generated<number>;
  /** Refreshed while a reader holds the mailbox: `connected` counts only while this is recent. */
  heartbeat_at: string | null;
  last_fetch_at: string | null;
  /** Messages waiting in the folder at the reader's last look. */
  backlog: Generated<number>;
  last_error: string | null;
  last_error_at: string | null;
  /** UIDVALIDITY (a 32-bit number, as text) and the highest UID stored under it. */
  uid_validity: string | null;
  last_uid: number | null;
}

export type MailboxRow = Selectable<MailboxesTable>;
