import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../../../lib/api-client.ts';
import type { Session } from '../../../lib/api-types.ts';

export const sessionKey = ['session'] as const;

/** The current session, or null when signed out (GET /session answers 401). Keeps the CSRF token current. */
export async function getSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('/session', { redirectOn401: false });
    setCsrfToken(session.csrf_token);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const sessionQuery = queryOptions({ queryKey: sessionKey, queryFn: getSession, staleTime: Number.POSITIVE_INFINITY });

export function useSession() {
  return useQuery(sessionQuery);
}
