// A project's members and their roles (GitLab access levels). Reading is open to whoever sees the
// project; changing needs a maintainer, and only owners make or unmake owners (the server decides).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiAll } from '../../../lib/api-client.ts';
import type { Member } from '../../../lib/admin-api-types.ts';

const membersPath = (project: string) => `/projects/${encodeURIComponent(project)}/members`;

export const membersKey = (project: string) => ['members', project] as const;

export const getMembers = (project: string) => apiAll<Member>(membersPath(project));

export const membersQuery = (project: string) => queryOptions({ queryKey: membersKey(project), queryFn: () => getMembers(project) });

export function useMembers(project: string) {
  return useQuery(membersQuery(project));
}

export const addMember = (project: string, userId: number, accessLevel: number) =>
  api<Member>(membersPath(project), { method: 'POST', body: { user_id: userId, access_level: accessLevel } });

export const changeMember = (project: string, userId: number, accessLevel: number) =>
  api<Member>(`${membersPath(project)}/${userId}`, { method: 'PUT', body: { access_level: accessLevel } });

export const removeMember = (project: string, userId: number) => api<void>(`${membersPath(project)}/${userId}`, { method: 'DELETE' });

function useMembersMutation<V>(project: string, run: (vars: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSettled: () => queryClient.invalidateQueries({ queryKey: membersKey(project) }) });
}

export const useAddMember = (project: string) =>
  useMembersMutation(project, (v: { userId: number; accessLevel: number }) => addMember(project, v.userId, v.accessLevel));
export const useChangeMember = (project: string) =>
  useMembersMutation(project, (v: { userId: number; accessLevel: number }) => changeMember(project, v.userId, v.accessLevel));
export const useRemoveMember = (project: string) => useMembersMutation(project, (userId: number) => removeMember(project, userId));
