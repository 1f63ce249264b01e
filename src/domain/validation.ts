// Formats of the names people choose. Each returns a problem sentence, or null when the value is fine.
import { isMailboxAddress } from './mailbox-address.ts';

const PATH_SEGMENT = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

/** A project path: one or more `/`-separated segments, as in GitLab (`acme`, `acme/billing`). */
export function projectPathProblem(path: string): string | null {
  if (path.length === 0 || path.length > 255) return 'must be 1 to 255 characters';
  const segments = path.split('/');
  if (!segments.every((s) => PATH_SEGMENT.test(s))) {
    return 'may contain letters, digits, `_`, `-` and `.` in `/`-separated parts, each starting with a letter or digit';
  }
  if (segments.some((s) => s.endsWith('.git') || s.endsWith('.atom'))) return 'cannot end in .git or .atom';
  return null;
}

export function usernameProblem(username: string): string | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/.test(username)) return 'must start with a letter or digit and contain only letters, digits, `_`, `-` and `.`';
  return null;
}

/** An ordinary mailbox address (mailbox-address.ts); deliverability is for the mail server to judge. */
export function emailProblem(email: string): string | null {
  return isMailboxAddress(email) ? null : 'must be an email address like name@example.com';
}

/** SD-09: a project key may contain only [a-z0-9_], at most 255 characters. */
export function projectKeyProblem(key: string): string | null {
  if (!/^[a-z0-9_]{1,255}$/.test(key)) return 'may contain only lower-case letters, digits and `_` (at most 255)';
  return null;
}

/** SD-90: at most 255 characters; a local part of letters, digits and `-._` (no `+`); a 2–63 letter TLD. */
export function customEmailProblem(email: string): string | null {
  if (email.length > 255 || !/^[A-Za-z0-9._-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/.test(email)) {
    return 'must be an address like support@example.com, without `+`';
  }
  return null;
}
