import type { Actor } from '../../domain/actor.ts';
import type { Deps } from '../deps.ts';
import { loadProjectFor } from '../projects/project-access.ts';
import { decodeCursor, clampPerPage, toPage, type Page, type PageRequest } from '../pagination.ts';

export interface ProjectMember {
  user_id: number;
  username: string;
  name: string;
  access_level: number;
  created_at: string;
}

export async function listProjectMembers(deps: Deps, actor: Actor, ref: string, request: PageRequest): Promise<Page<ProjectMember>> {
  const { project } = await loadProjectFor(deps.db.db, actor, ref, 'read_members');
  const perPage = clampPerPage(request.perPage);
  const after = decodeCursor<{ user_id: number }>(request.cursor, ['user_id'])?.user_id ?? 0;
  const rows = await deps.db.db
    .selectFrom('project_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.username', 'u.name', 'm.access_level', 'm.created_at'])
    .where('m.project_id', '=', project.id)
    .where('m.user_id', '>', after)
    .orderBy('m.user_id')
    .limit(perPage + 1)
    .execute();
  return toPage(rows, perPage, (r) => ({ user_id: r.user_id }));
}
