import type { UserRow } from '../../db/schema/users.ts';

/** The signed-in user and the CSRF token of their session: what the web app needs after sign-in or a reload. */
export const presentSession = (user: UserRow, csrfToken: string) => ({
  user: { id: user.id, username: user.username, name: user.name, email: user.email, admin: user.admin === 1 },
  csrf_token: csrfToken,
});
