import type { Generated, Selectable } from 'kysely';

/** A signed-in browser. The cookie holds a random id; only its SHA-256 is stored, so a copy of the database signs no one in. */
export interface SessionsTable {
  id: Generated<number>;
  /** SHA-256 (hex) of the id in the `postdesk_session` cookie. The CSRF token is derived from that id, so nothing else is stored. */
  id_hash: string;
  user_id: number;
  created_at: string;
  /** Written at most once a minute (SESSION_TOUCH_RESOLUTION_MS). */
  last_seen_at: string;
  /** Slides with use (14 days idle), never beyond 90 days after sign-in; expired rows are pruned at sign-in. */
  expires_at: string;
}

export type SessionRow = Selectable<SessionsTable>;

/** Failed sign-ins in the current window per key (`account:…`, `address:…`), shared by every node; expired rows are pruned lazily. */
export interface SignInThrottlesTable {
  key: string;
  failures: number;
  window_started_at: string;
}
