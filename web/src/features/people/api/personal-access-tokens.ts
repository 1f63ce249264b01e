import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiAll } from '../../../lib/api-client.ts';
import type { CreatedPersonalAccessToken, NewPersonalAccessToken, PersonalAccessToken } from '../../../lib/admin-api-types.ts';

/** The scopes the server knows (src/domain/personal-access-token.ts). */
export const TOKEN_SCOPES = [
  { value: 'api', label: 'api', means: 'read and write everything you can' },
  { value: 'read_api', label: 'read_api', means: 'read only' },
] as const;

export const tokensKey = (userId: number) => ['personal-access-tokens', userId] as const;

export const getTokens = (userId: number) => apiAll<PersonalAccessToken>(`/users/${userId}/personal_access_tokens`);

export function useTokens(userId: number) {
  return useQuery(queryOptions({ queryKey: tokensKey(userId), queryFn: () => getTokens(userId) }));
}

export const createToken = (userId: number, input: NewPersonalAccessToken) =>
  api<CreatedPersonalAccessToken>(`/users/${userId}/personal_access_tokens`, { method: 'POST', body: input });

export const revokeToken = (tokenId: number) => api<void>(`/personal_access_tokens/${tokenId}`, { method: 'DELETE' });

export function useCreateToken(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewPersonalAccessToken) => createToken(userId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey(userId) }),
  });
}

export function useRevokeToken(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: revokeToken, onSettled: () => queryClient.invalidateQueries({ queryKey: tokensKey(userId) }) });
}
