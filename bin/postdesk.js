#!/usr/bin/env node
// The `postdesk` command. Runs the JavaScript that `npm install` builds into dist/ (`npm run build:server`):
// production carries no TypeScript compiler, so the process starts fast and small. Without a build, or when
// a source file is newer than it (an edit, a checkout), it runs the TypeScript sources through tsx instead,
// so a stale build never runs.
import v8 from 'node:v8';
import { builtIsCurrent, builtMain } from './built.js';

// V8's young generation grows under load to 2 × 16 MB semi-spaces and keeps them. A server whose requests
// each make little garbage does as well with the initial 1 MB, and its idle process is ~25 MB smaller
// (issue 10; `--max-semi-space-size` cannot be changed once V8 runs, the growth factor can).
// A --max-semi-space-size or --semi-space-growth-factor given to node wins.
if (!/--(max-semi-space-size|semi-space-growth-factor)/.test(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`)) {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}

if (builtIsCurrent()) {
  await import(builtMain);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
