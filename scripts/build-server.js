// `npm run build:server` (run by `npm install`): src/ as two JavaScript files, dist/main.js (the process) and
// dist/stage-worker.js (the parsing worker's script), which bin/postdesk.js runs instead of the TypeScript.
// Both sit at dist/'s top level, so the paths src/ builds from import.meta.url (../web/dist, ./stage-worker)
// hold in the build as in the sources.
//
// Bundled rather than compiled file by file: node keeps every ES module it loads as its own record, and Kysely
// is 263 of them, zod 95 and Postdesk 270. Measured (issue 10): Kysely alone costs 13 MB of RSS as modules and
// 3 MB as one file; an idle `serve` is ~20 MB smaller bundled. Those two pure-ESM libraries are bundled with our
// code; every other package is loaded from node_modules as before (native add-ons, CommonJS, the ones only
// loaded on first use).
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const BUNDLED_PACKAGES = new Set(['kysely', 'zod']);

const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED_PACKAGES.has(name))
  .flatMap((name) => [name, `${name}/*`]);

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true }); // no file of an older layout stays
await build({
  entryPoints: ['src/main.ts', 'src/mail/inbound/stage-worker.ts'],
  outdir: 'dist',
  entryNames: '[name]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  // BUILD_READABLE=1 keeps whitespace and esbuild's `// path` line before each module: a CPU profile of the
  // build can then be read by module (how issue 10's profiles were split into Kysely, SQLite and the rest).
  minifyWhitespace: !process.env.BUILD_READABLE,
  sourcemap: 'linked',
  logLevel: 'warning',
});
