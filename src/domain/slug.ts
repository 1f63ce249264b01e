/**
 * GitLab's `full_path_slug` (SD-04): lower-case, every character outside [a-z0-9] becomes `-`,
 * cut to 63 characters, then leading and trailing `-` removed.
 */
export function fullPathSlug(path: string): string {
  return path
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
}
