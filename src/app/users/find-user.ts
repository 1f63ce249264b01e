import type { Executor } from '../../db/database.ts';
import type { UserRow } from '../../db/schema/users.ts';
import { notFound } from '../../domain/errors.ts';

export const findUserById = (executor: Executor, id: number): Promise<UserRow | undefined> =>
  executor.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const findUserByUsername = (executor: Executor, username: string): Promise<UserRow | undefined> =>
  executor.selectFrom('users').selectAll().where('username_lower', '=', username.toLowerCase()).executeTakeFirst();

export async function getUserById(executor: Executor, id: number): Promise<UserRow> {
  const user = await findUserById(executor, id);
  if (!user) throw notFound('User');
  return user;
}
