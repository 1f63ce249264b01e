// Sign in with a username or email address and a password; the answer is a new session id for the cookie.
// An unknown login, a wrong password, a blocked user and a bot all get the same error after the same
// argon2 work (an unknown login is checked against a dummy hash). Every sign-in makes a new id, and the
// session the browser came with (if any) is ended: an id set before sign-in is never promoted.
import type { Executor } from '../../db/database.ts';
import type { UserRow } from '../../db/schema/users.ts';
import { DomainError } from '../../domain/errors.ts';
import { sessionExpiry } from '../../domain/session-rules.ts';
import type { Deps } from '../deps.ts';
import { hashToken, verifyPassword } from '../secrets.ts';
import { dummyPasswordHash, newSessionId } from './session-secrets.ts';
import { clearAccountFailures, recordSignInFailure, refuseWhileLocked, signInKeys } from './sign-in-throttle.ts';

export interface SignInInput {
  login: string;
  password: string;
  /** The client's address, for the per-address throttle. */
  address: string;
  /** The session id the browser already had, ended by this sign-in. */
  previousSessionId: string | null;
}

export interface SignedIn {
  user: UserRow;
  /** The new session id, for the cookie only: never stored. */
  sessionId: string;
}

export const invalidCredentials = () => new DomainError('invalid_credentials', 'Wrong username, email or password');

/** Usernames cannot contain `@` and addresses must, so a login matches at most one user. */
export function findUserByLogin(executor: Executor, login: string): Promise<UserRow | undefined> {
  const lower = login.trim().toLowerCase();
  return executor
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username_lower', '=', lower), eb('email', '=', lower)]))
    .executeTakeFirst();
}

export async function signIn(deps: Deps, input: SignInInput): Promise<SignedIn> {
  const now = deps.clock();
  const user = await findUserByLogin(deps.db.db, input.login);
  const keys = signInKeys(user ? `user:${user.id}` : `login:${input.login.trim().toLowerCase()}`, input.address);
  await refuseWhileLocked(deps.db.db, keys, now);
  const matches = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !matches || user.state !== 'active' || user.bot === 1) {
    await recordSignInFailure(deps.db.db, keys, now);
    throw invalidCredentials();
  }
  const sessionId = newSessionId();
  const nowIso = now.toISOString();
  await deps.db.transaction(async ({ trx }) => {
    await clearAccountFailures(trx, keys);
    if (input.previousSessionId) await trx.deleteFrom('sessions').where('id_hash', '=', hashToken(input.previousSessionId)).execute();
    // Lazy pruning: sign-ins are rare enough to carry it, and the index on expires_at keeps it cheap.
    await trx.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
    await trx
      .insertInto('sessions')
      .values({ id_hash: hashToken(sessionId), user_id: user.id, created_at: nowIso, last_seen_at: nowIso, expires_at: sessionExpiry(now, now).toISOString() })
      .execute();
  });
  return { user, sessionId };
}
