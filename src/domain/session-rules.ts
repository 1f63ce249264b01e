// How long a signed-in browser stays signed in, and what a password must be. Pure: times in, times out.
// A session ends after SESSION_IDLE_MS without use (sliding: each use pushes the end back) and in any case
// SESSION_MAX_AGE_MS after sign-in, so a stolen cookie does not live for ever on an always-open tab.

const DAY_MS = 24 * 60 * 60 * 1000;

export const SESSION_IDLE_MS = 14 * DAY_MS;
export const SESSION_MAX_AGE_MS = 90 * DAY_MS;
/** `last_seen_at` is written at most this often per session, so reads do not turn into writes. */
export const SESSION_TOUCH_RESOLUTION_MS = 60_000;

/** When a session used at `now`, made at `createdAt`, ends. */
export function sessionExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_MAX_AGE_MS));
}

export const MIN_PASSWORD_LENGTH = 8;

/** The one password rule (creating a user, changing a password): a problem sentence, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  return null;
}
