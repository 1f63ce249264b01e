/**
 * When to try a failed job again: exponential backoff with jitter, so many jobs failing together
 * (a relay down) do not all come back in the same second. Attempt 1 waits about `baseMs`, each later
 * attempt twice as long, never more than `capMs`; the wait is drawn from the upper half of that window.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random, baseMs = 1000, capMs = 3_600_000): number {
  const window = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(window / 2 + random() * (window / 2));
}
