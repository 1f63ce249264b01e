// Limits on guessing, and the fixed-window arithmetic they share. Pure: counters and times in, decisions out.
//
// Sign-in: 10 failures per account and 30 per client address in 15 minutes; then every attempt, even one
// with the right password, is refused until the window ends (else a guesser would simply keep going).
// An unknown login is an "account" too, so a locked answer never tells which logins exist.
// Wrong credentials on the API (tokens, session cookies): 100 per address per minute, then 429.

export interface ThrottleRule {
  /** Failures allowed in one window; the next attempt is refused. */
  max: number;
  windowMs: number;
}

export const SIGN_IN_PER_ACCOUNT: ThrottleRule = { max: 10, windowMs: 15 * 60_000 };
export const SIGN_IN_PER_ADDRESS: ThrottleRule = { max: 30, windowMs: 15 * 60_000 };
export const WRONG_CREDENTIALS_PER_ADDRESS: ThrottleRule = { max: 100, windowMs: 60_000 };

export interface ThrottleCounter {
  failures: number;
  windowStartedAt: Date;
}

export const windowEnded = (counter: ThrottleCounter, rule: ThrottleRule, now: Date) => now.getTime() >= counter.windowStartedAt.getTime() + rule.windowMs;

/** Seconds until attempts are allowed again, or 0 when they are allowed now. */
export function lockedForSeconds(counter: ThrottleCounter | undefined, rule: ThrottleRule, now: Date): number {
  if (!counter || windowEnded(counter, rule, now) || counter.failures < rule.max) return 0;
  return Math.max(1, Math.ceil((counter.windowStartedAt.getTime() + rule.windowMs - now.getTime()) / 1000));
}

/** The counter after one more failure at `now`: a new window when the old one ended. */
export function afterFailure(counter: ThrottleCounter | undefined, rule: ThrottleRule, now: Date): ThrottleCounter {
  if (!counter || windowEnded(counter, rule, now)) return { failures: 1, windowStartedAt: now };
  return { failures: counter.failures + 1, windowStartedAt: counter.windowStartedAt };
}
