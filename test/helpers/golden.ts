// Golden files: a test compares what it produced with a file under test/golden/. The files change only
// on purpose: with UPDATE_GOLDEN=1 the test writes what it produced (and passes); otherwise a difference
// fails, shows where, and says how to accept it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOLDEN_DIR = fileURLToPath(new URL('../golden/', import.meta.url));

export const updatingGolden = () => process.env.UPDATE_GOLDEN === '1';

/** Pretty JSON as golden files store it: 2-space indent, trailing newline. */
export const goldenJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function assertGolden(name: string, actual: string): void {
  const file = `${GOLDEN_DIR}${name}`;
  const shown = relative(process.cwd(), file) || file;
  const howToUpdate = `If the change is intended, regenerate it with UPDATE_GOLDEN=1 node scripts/run-tests.js <this test file> and review the diff (git diff ${shown}).`;
  if (updatingGolden()) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) assert.fail(`Golden file ${shown} is missing. ${howToUpdate}`);
  const expected = readFileSync(file, 'utf8');
  if (expected === actual) return;
  assert.fail(`${shown} differs from what the code produces.\n${firstDifference(expected, actual)}\n${howToUpdate}`);
}

/** A few lines around the first differing line, enough to see what changed without a diff tool. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 3);
  const excerpt = (lines: string[]) =>
    lines
      .slice(from, i + 4)
      .map((line, k) => `${String(from + k + 1).padStart(6)} ${from + k === i ? '>' : ' '} ${line}`)
      .join('\n');
  return `First difference at line ${i + 1} (golden ${a.length} lines, produced ${b.length} lines).\n--- golden\n${excerpt(a)}\n+++ produced\n${excerpt(b)}`;
}
