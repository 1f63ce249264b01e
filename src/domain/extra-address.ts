// Extra incoming addresses per project that pre-label tickets (GitLab issue 6395). The form is
// `<slug>-<key>` in INCOMING_EMAIL_ADDRESS, e.g. `support+acme-billing@desk`. It cannot be mistaken for
// the other keys of that template: a reply key is 32 hex characters without a hyphen, the id form ends
// in `-issue-` (and a key has no trailing hyphen), `<reply key>-unsubscribe` is refused as a key, and a
// legacy full path has a `/`. The alias template keeps `<slug>-<project key>` for itself (SD-08).
import { fullPathSlug } from './slug.ts';

export const EXTRA_ADDRESS_KEY = /^[a-z0-9_]{1,64}$/;
const RESERVED_KEYS = new Set(['unsubscribe', 'issue']);

export function extraAddressKeyProblem(key: string): string | null {
  if (!EXTRA_ADDRESS_KEY.test(key)) return 'must be 1 to 64 lower-case letters, digits or underscores';
  if (RESERVED_KEYS.has(key)) return 'is reserved';
  return null;
}

export const extraAddressKey = (projectPath: string, key: string) => `${fullPathSlug(projectPath)}-${key}`;
