import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { canOnInstance } from '../../domain/policy.ts';
import type { PersonalAccessTokenRow } from '../../db/schema/personal-access-tokens.ts';
import type { Deps } from '../deps.ts';
import { idPage, type Page, type PageRequest } from '../pagination.ts';
import { findUserById } from '../users/find-user.ts';

export async function listPersonalAccessTokens(deps: Deps, actor: Actor, userId: number, request: PageRequest): Promise<Page<PersonalAccessTokenRow>> {
  if (!canOnInstance(actor, 'manage_user_tokens', userId)) throw notFound('User');
  // As for creating one: the tokens of a user who does not exist are a 404, not an empty list.
  if (!(await findUserById(deps.db.db, userId))) throw notFound('User');
  const page = idPage(request);
  const rows = await deps.db.db
    .selectFrom('personal_access_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('id', '>', page.after)
    .orderBy('id')
    .limit(page.perPage + 1)
    .execute();
  return page.finish(rows);
}
