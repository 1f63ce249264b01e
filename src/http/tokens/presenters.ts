import type { PersonalAccessTokenRow } from '../../db/schema/personal-access-tokens.ts';
import { isTokenUsable } from '../../domain/personal-access-token.ts';

export const presentToken = (row: PersonalAccessTokenRow, now: Date) => ({
  id: row.id,
  name: row.name,
  user_id: row.user_id,
  scopes: row.scopes.split(','),
  expires_at: row.expires_at,
  revoked: row.revoked_at !== null,
  active: isTokenUsable({ expiresAt: row.expires_at, revokedAt: row.revoked_at }, now),
  last_used_at: row.last_used_at,
  created_at: row.created_at,
});
