import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api-client.ts';
import type { Session } from '../../../lib/api-types.ts';
import { sessionKey } from './get-session.ts';

export type SignInInput = { login: string; password: string };

export async function signIn(input: SignInInput): Promise<Session> {
  const session = await api<Session>('/session', { method: 'POST', body: input, redirectOn401: false });
  setCsrfToken(session.csrf_token);
  return session;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => {
      // Another user may have been signed in on this tab: forget everything cached for them.
      queryClient.clear();
      queryClient.setQueryData(sessionKey, session);
    },
  });
}
