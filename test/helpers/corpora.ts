// The shared real-mail corpora (../shared/corpora, beside the clone). A test whose corpus is missing says
// so loudly and skips, except under CI=true, where a missing corpus is a failure.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPORA = resolve(import.meta.dirname, '../../../shared/corpora');

/** `false` when every folder is there (run the tests), else the skip reason; throws under CI=true. */
export function corpusSkip(testFile: string, ...folders: string[]): false | string {
  const missing = folders.map((folder) => join(CORPORA, folder)).filter((dir) => !existsSync(dir));
  if (missing.length === 0) return false;
  const problem = `the shared mail corpora are missing (looked for ${missing.join(', ')})`;
  if (process.env.CI === 'true') throw new Error(`${problem}; with CI=true that is a failure, not a skip`);
  console.error(`\n!!! SKIPPING the corpus tests of ${testFile}: ${problem} !!!\n`);
  return problem;
}
