import { ACCESS_LEVELS } from '../../domain/access-levels.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { VISIBILITIES, type Visibility } from '../../domain/policy.ts';
import { projectPathProblem } from '../../domain/validation.ts';
import { isUniqueViolation } from '../../db/database.ts';
import type { ProjectRow } from '../../db/schema/projects.ts';
import { isoNow, type Deps } from '../deps.ts';

export interface CreateProjectInput {
  name: string;
  path: string;
  visibility?: Visibility;
  /** Who becomes owner; defaults to the acting user. The CLI (a system actor) must name one. */
  ownerId?: number;
}

/** Creates the project, its owner membership and its service desk settings (enabled, SD-02) in one transaction. */
export async function createProject(deps: Deps, actor: Actor, input: CreateProjectInput): Promise<ProjectRow> {
  const ownerId = input.ownerId ?? (actor.kind === 'user' ? actor.userId : undefined);
  if (ownerId === undefined) throw invalid('owner', 'must be given');
  if (actor.kind === 'user' && ownerId !== actor.userId && !actor.admin)
    throw new DomainError('forbidden', 'Only an admin can create a project for someone else');
  const pathIssue = projectPathProblem(input.path);
  if (pathIssue) throw invalid('path', pathIssue);
  if (!input.name.trim()) throw invalid('name', 'must not be blank');
  if (input.visibility !== undefined && !VISIBILITIES.includes(input.visibility)) throw invalid('visibility', `must be one of ${VISIBILITIES.join(', ')}`);
  const now = isoNow(deps);
  try {
    return await deps.db.transaction(async ({ trx }) => {
      const project = await trx
        .insertInto('projects')
        .values({
          name: input.name.trim(),
          path: input.path,
          path_lower: input.path.toLowerCase(),
          visibility: input.visibility ?? 'private',
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('project_members')
        .values({ project_id: project.id, user_id: ownerId, access_level: ACCESS_LEVELS.owner, created_at: now })
        .execute();
      await trx.insertInto('service_desk_settings').values({ project_id: project.id, updated_at: now }).execute();
      return project;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', `A project with path ${input.path} already exists`, { path: 'taken' });
    throw error;
  }
}
