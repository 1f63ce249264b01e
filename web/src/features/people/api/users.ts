import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiAll, apiPage } from '../../../lib/api-client.ts';
import type { NewUser, User } from '../../../lib/admin-api-types.ts';

export const usersKey = ['users'] as const;

/** Every user (emails only for admins); up to 1,000, enough for a team picker and the admin list. */
export const getUsers = () => apiAll<User>('/users');

export function useUsers(options: { enabled?: boolean } = {}) {
  return useQuery(queryOptions({ queryKey: usersKey, queryFn: getUsers, enabled: options.enabled }));
}

/** The user with exactly this username (case-insensitive), or undefined. */
export async function findUserByUsername(username: string): Promise<User | undefined> {
  const page = await apiPage<User[]>('/users', { query: { username, per_page: 1 } });
  return page.items[0];
}

export const createUser = (input: NewUser) => api<User>('/users', { method: 'POST', body: input });

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createUser, onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }) });
}
