import type { Actor } from '../../domain/actor.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { TOKEN_SCOPES, type TokenScope } from '../../domain/personal-access-token.ts';
import { canOnInstance } from '../../domain/policy.ts';
import type { Executor } from '../../db/database.ts';
import type { PersonalAccessTokenRow } from '../../db/schema/personal-access-tokens.ts';
import { isoNow, type Deps } from '../deps.ts';
import { hashToken, newToken } from '../secrets.ts';
import { findUserById } from '../users/find-user.ts';

export interface CreateTokenInput {
  name: string;
  scopes?: string[];
  /** `YYYY-MM-DD` (or a full ISO time, of which the date counts). */
  expiresAt?: string | null;
}

export interface CreatedToken {
  row: PersonalAccessTokenRow;
  /** The token itself: returned once, never stored. */
  token: string;
}

export const TOKEN_PREFIX = 'pdt_';

export async function createPersonalAccessToken(deps: Deps, actor: Actor, userId: number, input: CreateTokenInput): Promise<CreatedToken> {
  // Someone else's tokens are invisible, not forbidden: the user may not even be visible to them.
  if (!canOnInstance(actor, 'manage_user_tokens', userId)) throw notFound('User');
  if (!(await findUserById(deps.db.db, userId))) throw notFound('User');
  const scopes = input.scopes?.length ? input.scopes : ['api'];
  const unknown = scopes.filter((s) => !TOKEN_SCOPES.includes(s as TokenScope));
  if (unknown.length) throw invalid('scopes', `has unknown scopes: ${unknown.join(', ')} (known: ${TOKEN_SCOPES.join(', ')})`);
  const expiresAt = normaliseExpiry(input.expiresAt, deps.clock());
  const token = newToken(TOKEN_PREFIX);
  const row = await insertToken(deps.db.db, { userId, name: input.name, token, scopes, expiresAt, now: isoNow(deps) });
  return { row, token };
}

export function insertToken(
  executor: Executor,
  t: { userId: number; name: string; token: string; scopes: string[]; expiresAt: string | null; now: string },
): Promise<PersonalAccessTokenRow> {
  return executor
    .insertInto('personal_access_tokens')
    .values({
      user_id: t.userId,
      name: t.name,
      token_hash: hashToken(t.token),
      scopes: [...new Set(t.scopes)].join(','),
      expires_at: t.expiresAt,
      revoked_at: null,
      last_used_at: null,
      created_at: t.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

function normaliseExpiry(expiresAt: string | null | undefined, now: Date): string | null {
  if (expiresAt == null) return null;
  const date = new Date(expiresAt);
  if (!/^\d{4}-\d{2}-\d{2}/.test(expiresAt) || Number.isNaN(date.getTime())) throw invalid('expires_at', 'must be a date, YYYY-MM-DD');
  const day = date.toISOString().slice(0, 10);
  if (day <= now.toISOString().slice(0, 10)) throw invalid('expires_at', 'must be a date after today');
  return day;
}
