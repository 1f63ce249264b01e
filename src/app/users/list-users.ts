import type { UserRow } from '../../db/schema/users.ts';
import type { Deps } from '../deps.ts';
import { idPage, type Page, type PageRequest } from '../pagination.ts';

export interface ListUsersFilter extends PageRequest {
  username?: string;
}

/** Every signed-in user may list users (as in GitLab); presenters decide who sees email addresses. */
export async function listUsers(deps: Deps, filter: ListUsersFilter): Promise<Page<UserRow>> {
  const page = idPage(filter);
  let query = deps.db.db.selectFrom('users').selectAll().where('id', '>', page.after);
  if (filter.username) query = query.where('username_lower', '=', filter.username.toLowerCase());
  return page.finish(
    await query
      .orderBy('id')
      .limit(page.perPage + 1)
      .execute(),
  );
}
