import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { canOnInstance } from '../../domain/policy.ts';
import { isoNow, type Deps } from '../deps.ts';

export async function revokePersonalAccessToken(deps: Deps, actor: Actor, tokenId: number): Promise<void> {
  const token = await deps.db.db.selectFrom('personal_access_tokens').select(['id', 'user_id', 'revoked_at']).where('id', '=', tokenId).executeTakeFirst();
  if (!token || !canOnInstance(actor, 'manage_user_tokens', token.user_id)) throw notFound('Personal access token');
  if (token.revoked_at) return;
  await deps.db.db
    .updateTable('personal_access_tokens')
    .set({ revoked_at: isoNow(deps) })
    .where('id', '=', tokenId)
    .execute();
}
