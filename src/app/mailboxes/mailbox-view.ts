// A mailbox as its readers' state says it is. `connected` is believed only while the reader's heartbeat is
// recent: a reader that died leaves `connected = 1` behind, and its row must not claim a live connection.
import type { MailboxRow } from '../../db/schema/mailboxes.ts';
import type { OAuth2GrantRow } from '../../db/schema/oauth2-grants.ts';
import { oauth2GrantView, type OAuth2GrantView } from '../oauth2/oauth2-grants.ts';

/** A reader refreshes its heartbeat every few seconds (mail/inbound/imap); three missed beats mean gone. */
export const HEARTBEAT_STALE_MS = 20_000;

export interface MailboxView {
  id: number;
  projectId: number | null;
  /** `user@host:port/folder` (user and folder URL-encoded): which mailbox this is, never a password. */
  identity: string;
  urlWithoutPassword: string;
  /** How the reader signs in: the sealed password, or XOAUTH2 with an access token of `oauth2`. */
  auth: 'password' | 'oauth2';
  oauth2: OAuth2GrantView | null;
  moveTo: string | null;
  connected: boolean;
  lastFetchAt: string | null;
  backlog: number;
  lastError: string | null;
  lastErrorAt: string | null;
  createdAt: string;
}

export function mailboxView(row: MailboxRow, now: Date, grant?: OAuth2GrantRow): MailboxView {
  const beating = row.heartbeat_at !== null && now.getTime() - Date.parse(row.heartbeat_at) < HEARTBEAT_STALE_MS;
  return {
    id: row.id,
    projectId: row.project_id,
    identity: row.identity,
    urlWithoutPassword: row.url_without_password,
    auth: row.oauth2_grant_id === null ? 'password' : 'oauth2',
    oauth2: grant ? oauth2GrantView(grant) : null,
    moveTo: row.move_to,
    connected: row.connected === 1 && beating,
    lastFetchAt: row.last_fetch_at,
    backlog: row.backlog,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    createdAt: row.created_at,
  };
}
