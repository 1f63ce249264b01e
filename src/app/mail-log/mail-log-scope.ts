// Who may read the mail log (received and sent mail): instance admins everything; project maintainers
// the mail of their projects. Mail that reached no project is for admins only.
import { ACCESS_LEVELS } from '../../domain/access-levels.ts';
import { isInstanceAdmin, type Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Executor } from '../../db/database.ts';
import { loadProjectFor } from '../projects/project-access.ts';

/** The project ids the actor may see mail of, within an optional filter; null means "all, unrouted too". */
export async function mailLogProjects(executor: Executor, actor: Actor, projectRef?: string): Promise<number[] | null> {
  if (projectRef !== undefined) {
    const { project } = await loadProjectFor(executor, actor, projectRef, 'read_mail_log');
    return [project.id];
  }
  if (isInstanceAdmin(actor)) return null;
  const rows = await executor
    .selectFrom('project_members')
    .select('project_id')
    .where('user_id', '=', actor.kind === 'user' ? actor.userId : -1)
    .where('access_level', '>=', ACCESS_LEVELS.maintainer)
    .execute();
  return rows.map((r) => r.project_id);
}

/** For one message: allowed when the actor may read its project's mail log (or is an admin). */
export async function authorizeMailLogEntry(executor: Executor, actor: Actor, projectId: number | null): Promise<void> {
  if (isInstanceAdmin(actor)) return;
  if (projectId === null) throw new DomainError('not_found', 'Message not found');
  try {
    await loadProjectFor(executor, actor, String(projectId), 'read_mail_log');
  } catch {
    throw new DomainError('not_found', 'Message not found');
  }
}
