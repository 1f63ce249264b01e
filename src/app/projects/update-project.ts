import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { VISIBILITIES, type Visibility } from '../../domain/policy.ts';
import { fullPathSlug } from '../../domain/slug.ts';
import { projectPathProblem } from '../../domain/validation.ts';
import { isUniqueViolation, type Executor } from '../../db/database.ts';
import type { ProjectRow } from '../../db/schema/projects.ts';
import { isoNow, type Deps } from '../deps.ts';
import { loadProjectFor } from './project-access.ts';

export interface UpdateProjectInput {
  name?: string;
  path?: string;
  visibility?: Visibility;
}

/** Partial update. A new path changes the service desk address (SD-05): old addresses stop matching. */
export async function updateProject(deps: Deps, actor: Actor, ref: string, input: UpdateProjectInput): Promise<ProjectRow> {
  if (input.path !== undefined) {
    const problem = projectPathProblem(input.path);
    if (problem) throw invalid('path', problem);
  }
  if (input.name !== undefined && !input.name.trim()) throw invalid('name', 'must not be blank');
  if (input.visibility !== undefined && !VISIBILITIES.includes(input.visibility)) throw invalid('visibility', `must be one of ${VISIBILITIES.join(', ')}`);
  try {
    return await deps.db.transaction(async ({ trx }) => {
      const { project } = await loadProjectFor(trx, actor, ref, 'update_project');
      if (input.path !== undefined && fullPathSlug(input.path) !== fullPathSlug(project.path)) {
        await refuseProjectKeyCollision(trx, project.id, fullPathSlug(input.path));
      }
      return trx
        .updateTable('projects')
        .set({
          ...(input.name !== undefined && { name: input.name.trim() }),
          ...(input.path !== undefined && { path: input.path, path_lower: input.path.toLowerCase() }),
          ...(input.visibility !== undefined && { visibility: input.visibility }),
          updated_at: isoNow(deps),
        })
        .where('id', '=', project.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', `A project with path ${input.path} already exists`, { path: 'taken' });
    throw error;
  }
}

/** SD-09: a rename must not give two projects with the same project key the same slug (their alias addresses would clash). */
async function refuseProjectKeyCollision(trx: Executor, projectId: number, newSlug: string): Promise<void> {
  const own = await trx.selectFrom('service_desk_settings').select('project_key').where('project_id', '=', projectId).executeTakeFirst();
  if (!own?.project_key) return;
  const sameKey = await trx
    .selectFrom('service_desk_settings as s')
    .innerJoin('projects as p', 'p.id', 's.project_id')
    .select('p.path')
    .where('s.project_key', '=', own.project_key)
    .where('s.project_id', '!=', projectId)
    .execute();
  if (sameKey.some((other) => fullPathSlug(other.path) === newSlug)) {
    throw new DomainError('conflict', 'This path would give the service desk the same address as another project (same slug and project key)', {
      path: 'project_key_address_slug',
    });
  }
}
