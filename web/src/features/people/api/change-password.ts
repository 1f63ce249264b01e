import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { PasswordChange } from '../../../lib/admin-api-types.ts';

/** 204; the server ends the user's other sessions (this one stays signed in). */
export const changePassword = (input: PasswordChange) => api<void>('/user/password', { method: 'PUT', body: input });

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
