#!/usr/bin/env node
// The `postdesk` command. Runs the JavaScript that `npm install` builds into dist/ (`npm run build:server`):
// production carries no TypeScript compiler, so the process starts fast and small. Without a build, or when
// a source file is newer than it (an edit, a checkout), it runs the TypeScript sources through tsx instead,
// so a stale build never runs.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist', 'main.js');

/** The newest modification time among the files under `dir`. */
function newest(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
}

const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (builtAt >= newest(join(root, 'src'))) {
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
