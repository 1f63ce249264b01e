import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  /** Lower-cased copy of `username`, unique, so `Root` and `root` cannot both exist. */
  username_lower: string;
  email: string;
  name: string;
  /** argon2id; null for bots, which never sign in. */
  password_hash: string | null;
  admin: number;
  bot: number;
  state: 'active' | 'blocked';
  created_at: string;
  updated_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
