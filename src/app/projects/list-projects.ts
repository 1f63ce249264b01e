import { sql } from 'kysely';
import { isInstanceAdmin, type Actor } from '../../domain/actor.ts';
import type { ProjectRow } from '../../db/schema/projects.ts';
import type { Deps } from '../deps.ts';
import { idPage, type Page, type PageRequest } from '../pagination.ts';

export interface ListProjectsFilter extends PageRequest {
  /** Only projects the caller is a member of. */
  membership?: boolean;
  /** Substring of name or path. */
  search?: string;
}

/** The projects the caller can see (the same rule as `canSeeProject`, as a query). */
export async function listProjects(deps: Deps, actor: Actor, filter: ListProjectsFilter): Promise<Page<ProjectRow>> {
  const page = idPage(filter);
  const userId = actor.kind === 'user' ? actor.userId : -1;
  let query = deps.db.db
    .selectFrom('projects as p')
    .leftJoin('project_members as m', (join) => join.onRef('m.project_id', '=', 'p.id').on('m.user_id', '=', userId))
    .selectAll('p')
    .where('p.id', '>', page.after);
  if (filter.membership) query = query.where('m.user_id', 'is not', null);
  else if (!isInstanceAdmin(actor)) query = query.where((eb) => eb.or([eb('m.user_id', 'is not', null), eb('p.visibility', '!=', 'private')]));
  if (filter.search) {
    const needle = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`(lower(p.name) like ${needle} escape '\\' or p.path_lower like ${needle} escape '\\')`);
  }
  return page.finish(
    await query
      .orderBy('p.id')
      .limit(page.perPage + 1)
      .execute(),
  );
}
