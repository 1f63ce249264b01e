import { useQuery } from '@tanstack/react-query';
import { apiAll } from '../../../lib/api-client.ts';
import type { ProjectMember } from '../../../lib/api-types.ts';

export const membersKey = (projectId: number) => ['projects', projectId, 'members'] as const;

export const getMembers = (projectId: number) => apiAll<ProjectMember>(`/projects/${projectId}/members`);

/** The project's members (who can be assigned). */
export function useMembers(projectId: number | undefined) {
  return useQuery({ queryKey: membersKey(projectId ?? 0), queryFn: () => getMembers(projectId!), enabled: Boolean(projectId), staleTime: 60_000 });
}
