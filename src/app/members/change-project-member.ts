// Adding, changing and removing members: one file, as the three share the owner rules.
import { ACCESS_LEVELS, isAccessLevel, type AccessLevel } from '../../domain/access-levels.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { authorizeGrant } from '../../domain/policy.ts';
import type { Executor } from '../../db/database.ts';
import { isoNow, type Deps } from '../deps.ts';
import { loadProjectFor, memberLevel } from '../projects/project-access.ts';
import { findUserById } from '../users/find-user.ts';
import type { ProjectMember } from './list-project-members.ts';

function checkLevel(level: number): AccessLevel {
  if (!isAccessLevel(level)) throw invalid('access_level', 'must be one of 10, 20, 30, 40, 50');
  return level;
}

export async function addProjectMember(deps: Deps, actor: Actor, ref: string, userId: number, level: number): Promise<ProjectMember> {
  const accessLevel = checkLevel(level);
  return deps.db.transaction(async ({ trx }) => {
    const { project, access } = await loadProjectFor(trx, actor, ref, 'manage_members');
    authorizeGrant(actor, access, accessLevel);
    const user = await findUserById(trx, userId);
    if (!user || user.bot) throw notFound('User');
    if ((await memberLevel(trx, project.id, userId)) !== null) throw new DomainError('conflict', 'Already a member', { user_id: 'member' });
    const created_at = isoNow(deps);
    await trx.insertInto('project_members').values({ project_id: project.id, user_id: userId, access_level: accessLevel, created_at }).execute();
    return { user_id: user.id, username: user.username, name: user.name, access_level: accessLevel, created_at };
  });
}

export async function updateProjectMember(deps: Deps, actor: Actor, ref: string, userId: number, level: number): Promise<ProjectMember> {
  const accessLevel = checkLevel(level);
  return deps.db.transaction(async ({ trx }) => {
    const { project, access } = await loadProjectFor(trx, actor, ref, 'manage_members');
    const previous = await memberLevel(trx, project.id, userId);
    if (previous === null) throw notFound('Member');
    authorizeGrant(actor, access, accessLevel, previous);
    if (previous === ACCESS_LEVELS.owner && accessLevel !== ACCESS_LEVELS.owner) await refuseLastOwner(trx, project.id);
    await trx.updateTable('project_members').set({ access_level: accessLevel }).where('project_id', '=', project.id).where('user_id', '=', userId).execute();
    const row = await trx
      .selectFrom('project_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'u.username', 'u.name', 'm.access_level', 'm.created_at'])
      .where('m.project_id', '=', project.id)
      .where('m.user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return row;
  });
}

export async function removeProjectMember(deps: Deps, actor: Actor, ref: string, userId: number): Promise<void> {
  await deps.db.transaction(async ({ trx }) => {
    const { project, access } = await loadProjectFor(trx, actor, ref, 'manage_members');
    const previous = await memberLevel(trx, project.id, userId);
    if (previous === null) throw notFound('Member');
    authorizeGrant(actor, access, previous, previous);
    if (previous === ACCESS_LEVELS.owner) await refuseLastOwner(trx, project.id);
    await trx.deleteFrom('project_members').where('project_id', '=', project.id).where('user_id', '=', userId).execute();
  });
}

async function refuseLastOwner(trx: Executor, projectId: number): Promise<void> {
  const owners = await trx
    .selectFrom('project_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where('access_level', '=', ACCESS_LEVELS.owner)
    .executeTakeFirstOrThrow();
  if (Number(owners.n) <= 1) throw new DomainError('conflict', 'A project must keep at least one owner', { access_level: 'last_owner' });
}
