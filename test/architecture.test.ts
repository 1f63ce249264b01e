// The folder layout is the architecture: imports point one way (ARCHITECTURE.md).
//   main, cli → http, mail, jobs → app → domain, db;  config is read by all;  domain imports nothing else.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { it } from 'node:test';

const SRC = resolve(import.meta.dirname, '../src');

/** Which top-level parts of src/ each part may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  config: [],
  db: ['config'],
  app: ['domain', 'db', 'config'],
  jobs: ['app', 'domain', 'db', 'config', 'context'],
  mail: ['app', 'domain', 'db', 'config', 'context', 'jobs'],
  http: ['app', 'domain', 'db', 'config', 'context'],
  // The composition root builds what the mail parts use (the DNS resolver, the DKIM signer).
  context: ['app', 'config', 'db', 'mail'],
  cli: ['app', 'domain', 'db', 'config', 'context'],
  main: ['*'],
  // Composition, like context.ts: which handler runs each job kind (so jobs/ need not know mail/).
  'job-handlers': ['*'],
};

const partOf = (file: string) => relative(SRC, file).split(/[\\/]/)[0]!.replace(/\.ts$/, '');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

it('every import points the allowed way', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = partOf(file);
    const allowed = ALLOWED[from];
    assert.ok(allowed, `src/${relative(SRC, file)} is in a part the architecture does not name (${from}); add it to ALLOWED and ARCHITECTURE.md`);
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith('.')) {
        // domain/ stays pure: no libraries at all (no kysely, fastify, nodemailer, node: I/O).
        if (from === 'domain') violations.push(`src/${relative(SRC, file)} imports the package ${specifier}`);
        continue;
      }
      const target = partOf(resolve(dirname(file), specifier));
      if (target !== from && !allowed.includes('*') && !allowed.includes(target))
        violations.push(`src/${relative(SRC, file)} (${from}) imports ${specifier} (${target})`);
    }
  }
  assert.deepEqual(violations, []);
});

it('the check sees a violation when there is one', () => {
  // Guards the guard: the regex must find imports in the form this codebase writes them.
  const sample = join(SRC, 'domain/policy.ts');
  assert.ok(importsOf(sample).includes('./access-levels.ts'), "importsOf(sample).includes('./access-levels.ts')");
});
