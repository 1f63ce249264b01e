// The secrets of a browser session. The cookie carries 256 random bits; the database keeps their SHA-256
// (as for personal access tokens), and the CSRF token is an HMAC keyed by the id, so it can be recomputed
// from the cookie alone, tells nothing about the id, and cannot be made by a page that does not know it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hashPassword } from '../secrets.ts';

export const newSessionId = () => randomBytes(32).toString('base64url');

export const csrfTokenFor = (sessionId: string) => createHmac('sha256', sessionId).update('postdesk csrf token v1').digest('base64url');

export function csrfTokenMatches(sessionId: string, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/** An argon2id hash no password matches: an unknown login is verified against it, so it takes as long as a known one. */
export const dummyPasswordHash = () => (dummyHash ??= hashPassword(randomBytes(24).toString('base64url')));
