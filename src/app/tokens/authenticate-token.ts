import type { Actor } from '../../domain/actor.ts';
import { isTokenUsable } from '../../domain/personal-access-token.ts';
import { isoNow, type Deps } from '../deps.ts';
import { hashToken } from '../secrets.ts';

export interface Authenticated {
  actor: Extract<Actor, { kind: 'user' }>;
  scopes: string[];
  tokenId: number;
}

// last_used_at is written at most once a minute per token, so reads do not turn into writes.
const LAST_USED_RESOLUTION_MS = 60_000;

/** Finds the active user behind a bearer token, or undefined for an unknown, expired, revoked or blocked one. */
export async function authenticateToken(deps: Deps, token: string): Promise<Authenticated | undefined> {
  const row = await deps.db.db
    .selectFrom('personal_access_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.scopes', 't.expires_at', 't.revoked_at', 't.last_used_at', 'u.id as user_id', 'u.admin', 'u.state'])
    .where('t.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  const now = deps.clock();
  if (row?.state !== 'active' || !isTokenUsable({ expiresAt: row.expires_at, revokedAt: row.revoked_at }, now)) return undefined;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS) {
    await deps.db.db
      .updateTable('personal_access_tokens')
      .set({ last_used_at: isoNow(deps) })
      .where('id', '=', row.id)
      .execute();
  }
  return { actor: { kind: 'user', userId: row.user_id, admin: row.admin === 1 }, scopes: row.scopes.split(','), tokenId: row.id };
}
