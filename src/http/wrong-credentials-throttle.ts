// Slows down guessing of tokens and session cookies: after WRONG_CREDENTIALS_PER_ADDRESS failures from
// one client address in a minute, each further WRONG attempt is answered 429 instead of 401. A request
// without credentials is not counted, and a valid credential is never refused (it is checked first).
//
// Kept in this process's memory on purpose, unlike the sign-in counters: this throttle exists for floods
// of bad requests, and a database write per bad request would itself be the flood. Each node counting
// alone lets a guesser try nodes × the limit per minute, which is still far from guessing 256 random bits.
import { DomainError } from '../domain/errors.ts';
import {
  WRONG_CREDENTIALS_PER_ADDRESS,
  afterFailure,
  lockedForSeconds,
  windowEnded,
  type ThrottleCounter,
  type ThrottleRule,
} from '../domain/throttle-rules.ts';

/** Above this many addresses, ended windows are swept before a new address is added. */
const SWEEP_ABOVE = 10_000;
/** Memory stays bounded even when a flood comes from more addresses than this in one minute: then the counts start over. */
const FORGET_ABOVE = 200_000;

export interface WrongCredentialsThrottle {
  /** Counts one wrong credential from `address`; throws 429 rate_limited when the address is over the limit. */
  fail(address: string, now: Date): void;
}

export function createWrongCredentialsThrottle(rule: ThrottleRule = WRONG_CREDENTIALS_PER_ADDRESS): WrongCredentialsThrottle {
  const counters = new Map<string, ThrottleCounter>();
  return {
    fail(address, now) {
      const before = counters.get(address);
      const wait = lockedForSeconds(before, rule, now);
      if (wait > 0) throw new DomainError('rate_limited', 'Too many wrong credentials from this address; try again later', { retry_after: wait });
      if (!before && counters.size >= SWEEP_ABOVE) {
        for (const [key, counter] of counters) if (windowEnded(counter, rule, now)) counters.delete(key);
        if (counters.size >= FORGET_ABOVE) counters.clear();
      }
      counters.set(address, afterFailure(before, rule, now));
    },
  };
}
