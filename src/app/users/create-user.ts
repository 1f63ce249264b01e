import { canOnInstance } from '../../domain/policy.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { passwordProblem } from '../../domain/session-rules.ts';
import { emailProblem, usernameProblem } from '../../domain/validation.ts';
import { isUniqueViolation, type Executor } from '../../db/database.ts';
import type { UserRow } from '../../db/schema/users.ts';
import { isoNow, type Deps } from '../deps.ts';
import { hashPassword } from '../secrets.ts';

export interface CreateUserInput {
  username: string;
  email: string;
  name: string;
  password?: string | null;
  admin?: boolean;
  bot?: boolean;
}

export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput): Promise<UserRow> {
  if (!canOnInstance(actor, 'create_user')) throw new DomainError('forbidden', 'Only an admin can create users');
  const problem = usernameProblem(input.username) ?? null;
  if (problem) throw invalid('username', problem);
  const emailIssue = emailProblem(input.email);
  if (emailIssue) throw invalid('email', emailIssue);
  const passwordIssue = input.password == null ? null : passwordProblem(input.password);
  if (passwordIssue) throw invalid('password', passwordIssue);
  const passwordHash = input.password == null ? null : await hashPassword(input.password);
  return insertUser(deps.db.db, { ...input, passwordHash, now: isoNow(deps) });
}

export async function insertUser(executor: Executor, user: Omit<CreateUserInput, 'password'> & { passwordHash: string | null; now: string }): Promise<UserRow> {
  try {
    return await executor
      .insertInto('users')
      .values({
        username: user.username,
        username_lower: user.username.toLowerCase(),
        email: user.email.toLowerCase(),
        name: user.name,
        password_hash: user.passwordHash,
        admin: user.admin ? 1 : 0,
        bot: user.bot ? 1 : 0,
        state: 'active',
        created_at: user.now,
        updated_at: user.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'A user with this username or email already exists', { username: user.username });
    throw error;
  }
}
