// A signed-in user changes their own password. The current one is checked (and wrong guesses count
// towards the account's sign-in throttle, so a borrowed session cannot guess it), and every other
// session of the user ends: whoever else held one must sign in with the new password.
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { passwordProblem } from '../../domain/session-rules.ts';
import type { Deps } from '../deps.ts';
import { hashPassword, verifyPassword } from '../secrets.ts';
import { getUserById } from '../users/find-user.ts';
import { clearAccountFailures, recordSignInFailure, refuseWhileLocked, signInKeys } from './sign-in-throttle.ts';

export interface ChangePasswordInput {
  currentPassword: string;
  password: string;
  address: string;
  /** The caller's own session (kept), or null when they came with a token (then every session ends). */
  keepSessionRowId: number | null;
}

export async function changePassword(deps: Deps, actor: Extract<Actor, { kind: 'user' }>, input: ChangePasswordInput): Promise<void> {
  const now = deps.clock();
  const user = await getUserById(deps.db.db, actor.userId);
  const keys = signInKeys(`user:${user.id}`, input.address);
  await refuseWhileLocked(deps.db.db, keys, now);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await recordSignInFailure(deps.db.db, keys, now);
    throw invalid('current_password', 'is not your current password');
  }
  const problem = passwordProblem(input.password);
  if (problem) throw invalid('password', problem);
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction(async ({ trx }) => {
    await clearAccountFailures(trx, keys);
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: now.toISOString() }).where('id', '=', user.id).execute();
    let others = trx.deleteFrom('sessions').where('user_id', '=', user.id);
    if (input.keepSessionRowId !== null) others = others.where('id', '!=', input.keepSessionRowId);
    await others.execute();
  });
}
