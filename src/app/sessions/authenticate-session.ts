import type { Actor } from '../../domain/actor.ts';
import { SESSION_TOUCH_RESOLUTION_MS, sessionExpiry } from '../../domain/session-rules.ts';
import type { Deps } from '../deps.ts';
import { hashToken } from '../secrets.ts';

export interface AuthenticatedSession {
  actor: Extract<Actor, { kind: 'user' }>;
  /** The row id of the session (never the secret id of the cookie). */
  sessionRowId: number;
}

/** The active user behind a session cookie, or undefined for an unknown or expired session or a blocked user. Use slides the expiry. */
export async function authenticateSession(deps: Deps, sessionId: string): Promise<AuthenticatedSession | undefined> {
  const row = await deps.db.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.created_at', 's.last_seen_at', 's.expires_at', 'u.id as user_id', 'u.admin', 'u.state'])
    .where('s.id_hash', '=', hashToken(sessionId))
    .executeTakeFirst();
  const now = deps.clock();
  if (row?.state !== 'active' || Date.parse(row.expires_at) <= now.getTime()) return undefined;
  if (now.getTime() - Date.parse(row.last_seen_at) > SESSION_TOUCH_RESOLUTION_MS) {
    await deps.db.db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: sessionExpiry(new Date(row.created_at), now).toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return { actor: { kind: 'user', userId: row.user_id, admin: row.admin === 1 }, sessionRowId: row.id };
}

/** Signing out: the row goes, so the cookie is worthless even if a copy of it survives somewhere. */
export async function endSession(deps: Deps, sessionRowId: number): Promise<void> {
  await deps.db.db.deleteFrom('sessions').where('id', '=', sessionRowId).execute();
}
