// No setting that does nothing (issue 8): every field of Config must be read somewhere outside the code that
// parses it, or the variable behind it would be accepted, documented, and ignored.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const SRC = new URL('..', import.meta.url).pathname;
const PARSERS = new Set(['config/config.ts', 'config/env.ts']);

function sourceFiles(dir: string, relative = ''): string[] {
  return readdirSync(join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
    const path = join(relative, entry.name);
    if (entry.isDirectory()) return sourceFiles(dir, path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !PARSERS.has(path) ? [path] : [];
  });
}

test('every field of Config is read outside the code that parses it', () => {
  const configSource = readFileSync(join(SRC, 'config/config.ts'), 'utf8');
  const body = /export interface Config \{([\s\S]*?)\n\}/.exec(configSource)?.[1];
  assert.ok(body, 'found the Config interface');
  const fields = [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]!);
  assert.ok(fields.length > 10, `read the fields of Config (${fields.join(', ')})`);
  const readers = sourceFiles(SRC).map((path) => readFileSync(join(SRC, path), 'utf8'));
  const unread = fields.filter((field) => !readers.some((source) => new RegExp(`\\b${field}\\b`).test(source)));
  assert.deepEqual(unread, [], 'Config fields nothing reads');
});
