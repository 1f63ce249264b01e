// Failed sign-ins counted per account and per client address in the database, so every node sees the same
// counts (rules in domain/throttle-rules.ts). Each failure is one atomic upsert; rows whose window ended are
// deleted lazily when a failure is recorded.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS, lockedForSeconds, type ThrottleRule } from '../../domain/throttle-rules.ts';

export interface SignInKeys {
  /** `account:user:<id>` for a known user, `account:login:<login>` for an unknown one. */
  account: string;
  address: string;
}

export const signInKeys = (account: string, address: string): SignInKeys => ({ account: `account:${account}`, address: `address:${address}` });

const rules = (keys: SignInKeys): Array<[string, ThrottleRule]> => [
  [keys.account, SIGN_IN_PER_ACCOUNT],
  [keys.address, SIGN_IN_PER_ADDRESS],
];

/** 429 rate_limited (with `retry_after` seconds) while the account or the address is locked. */
export async function refuseWhileLocked(executor: Executor, keys: SignInKeys, now: Date): Promise<void> {
  const rows = await executor.selectFrom('sign_in_throttles').selectAll().where('key', 'in', [keys.account, keys.address]).execute();
  let wait = 0;
  for (const [key, rule] of rules(keys)) {
    const row = rows.find((r) => r.key === key);
    const counter = row && { failures: row.failures, windowStartedAt: new Date(row.window_started_at) };
    wait = Math.max(wait, lockedForSeconds(counter, rule, now));
  }
  if (wait > 0) throw new DomainError('rate_limited', `Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minutes`, { retry_after: wait });
}

export async function recordSignInFailure(executor: Executor, keys: SignInKeys, now: Date): Promise<void> {
  const nowIso = now.toISOString();
  for (const [key, rule] of rules(keys)) {
    // A window that ended starts again at 1; `<=` matches windowEnded() in the domain rules.
    const ended = new Date(now.getTime() - rule.windowMs).toISOString();
    await executor
      .insertInto('sign_in_throttles')
      .values({ key, failures: 1, window_started_at: nowIso })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when sign_in_throttles.window_started_at <= ${ended} then 1 else sign_in_throttles.failures + 1 end`,
          window_started_at: sql<string>`case when sign_in_throttles.window_started_at <= ${ended} then ${nowIso} else sign_in_throttles.window_started_at end`,
        }),
      )
      .execute();
  }
  const longest = Math.max(SIGN_IN_PER_ACCOUNT.windowMs, SIGN_IN_PER_ADDRESS.windowMs);
  await executor
    .deleteFrom('sign_in_throttles')
    .where('window_started_at', '<=', new Date(now.getTime() - longest).toISOString())
    .execute();
}

/** A successful sign-in forgives the account's failures (not the address's: one address may be guessing many accounts). */
export async function clearAccountFailures(executor: Executor, keys: SignInKeys): Promise<void> {
  await executor.deleteFrom('sign_in_throttles').where('key', '=', keys.account).execute();
}
