// Loads a project together with the caller's place in it, and asks the policy whether the action is allowed.
import { isAccessLevel, type AccessLevel } from '../../domain/access-levels.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { authorizeProject, type ProjectAccess, type ProjectAction } from '../../domain/policy.ts';
import type { Executor } from '../../db/database.ts';
import type { ProjectRow } from '../../db/schema/projects.ts';

export interface ProjectInContext {
  project: ProjectRow;
  access: ProjectAccess;
}

/** `ref` is the numeric id or the full path, as in GitLab's API. */
export function findProject(executor: Executor, ref: string | number): Promise<ProjectRow | undefined> {
  const query = executor.selectFrom('projects').selectAll();
  return (
    typeof ref === 'number' || /^\d+$/.test(ref) ? query.where('id', '=', Number(ref)) : query.where('path_lower', '=', ref.toLowerCase())
  ).executeTakeFirst();
}

export async function memberLevel(executor: Executor, projectId: number, userId: number): Promise<AccessLevel | null> {
  const row = await executor
    .selectFrom('project_members')
    .select('access_level')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && isAccessLevel(row.access_level) ? row.access_level : null;
}

export async function accessOf(executor: Executor, actor: Actor, project: ProjectRow): Promise<ProjectAccess> {
  const accessLevel = actor.kind === 'user' ? await memberLevel(executor, project.id, actor.userId) : null;
  return { visibility: project.visibility, accessLevel };
}

/** Throws `not_found` or `forbidden` unless `actor` may do `action` in the project. */
export async function loadProjectFor(executor: Executor, actor: Actor, ref: string | number, action: ProjectAction): Promise<ProjectInContext> {
  const project = await findProject(executor, ref);
  if (!project) throw notFound('Project');
  const access = await accessOf(executor, actor, project);
  authorizeProject(actor, action, access);
  return { project, access };
}
