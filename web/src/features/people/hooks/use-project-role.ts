import { useMembers } from '../api/members.ts';
import { MAINTAINER } from '../../../lib/admin-api-types.ts';

export type ProjectRole = {
  /** The caller's access level in the project, or null when not a member. */
  level: number | null;
  /** Maintainers and instance admins manage members, settings and the mail log. */
  canManage: boolean;
  isPending: boolean;
};

/**
 * What the signed-in user may do in a project, read from its member list. Only for hiding controls: the
 * server checks every request on its own.
 */
export function useProjectRole(project: string, user: { id: number; admin: boolean } | undefined): ProjectRole {
  const members = useMembers(project);
  const level = members.data?.find((m) => m.id === user?.id)?.access_level ?? null;
  return { level, canManage: Boolean(user?.admin) || (level ?? 0) >= MAINTAINER, isPending: !user || (members.isPending && !user.admin) };
}
