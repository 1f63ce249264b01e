// Small, typed wrappers over localStorage: the last project used (opened at `/`) and composer drafts.
// Storage can be full or disabled (private windows); losing a draft is better than crashing.

const LAST_PROJECT = 'postdesk.lastProject';

export function readLastProject(): string | null {
  try {
    return window.localStorage.getItem(LAST_PROJECT);
  } catch {
    return null;
  }
}

export function writeLastProject(path: string): void {
  try {
    window.localStorage.setItem(LAST_PROJECT, path);
  } catch {}
}

export function readItem(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeItem(key: string, value: string | null): void {
  try {
    if (value === null || value === '') window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {}
}
