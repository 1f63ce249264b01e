import type { UserRow } from '../../db/schema/users.ts';

export const presentUserRef = (user: Pick<UserRow, 'id' | 'username' | 'name'>) => ({ id: user.id, username: user.username, name: user.name });

/** The full user; `email` only for the user themself and admins. */
export const presentUser = (user: UserRow, showEmail: boolean) => ({
  ...presentUserRef(user),
  state: user.state,
  admin: user.admin === 1,
  bot: user.bot === 1,
  created_at: user.created_at,
  ...(showEmail && { email: user.email }),
});
