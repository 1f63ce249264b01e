// The web app's layout rules (web/README.md, STYLE.md "The web app"), checked on the source:
// features never import each other (route screens compose them), nothing but lib/ talks to /api with
// fetch, and only the one renderer's component puts HTML into the DOM.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { it } from 'node:test';

const SRC = resolve(import.meta.dirname, '../../web/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({ path, rel: relative(SRC, path), text: readFileSync(path, 'utf8') }));
const imports = (text: string) => [...text.matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1]!);

it('has source files to check', () => {
  assert.ok(files.length > 20, `expected the web app's sources under ${SRC}, found ${files.length}`);
});

it('keeps features from importing each other', () => {
  const offences: string[] = [];
  for (const file of files.filter((f) => f.rel.startsWith('features/'))) {
    const own = file.rel.split('/')[1];
    for (const spec of imports(file.text).filter((s) => s.startsWith('.'))) {
      const target = relative(SRC, resolve(dirname(file.path), spec));
      if (target.startsWith('features/') && target.split('/')[1] !== own) offences.push(`${file.rel} imports ${target}`);
      if (target.startsWith('app/')) offences.push(`${file.rel} imports the app layer (${target})`);
    }
  }
  assert.deepEqual(offences, [], 'features must not import other features or app/; let the route screen compose them');
});

it('puts HTML into the DOM only through the one renderer', () => {
  const users = files.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML/.test(f.text)).map((f) => f.rel);
  assert.deepEqual(users, ['components/rendered-content.tsx'], 'only RenderedContent may set HTML, and only from renderContent()');
});

it('calls fetch only in the API client', () => {
  const users = files.filter((f) => /\bfetch\(/.test(f.text)).map((f) => f.rel);
  assert.deepEqual(users, ['lib/api-client.ts'], 'every request goes through lib/api-client.ts (CSRF, 401, errors)');
});

it('keeps react-dom, the router and the screens out of what the entry loads before the app', () => {
  // main.tsx starts the first screen's requests, then imports the app (app/render-app.tsx): whatever its
  // static imports reach is loaded and run before a single request goes out.
  const staticImports = (text: string) => [...text.matchAll(/^import\s[^;]*?from\s+'([^']+)'|^import\s+'([^']+)'/gms)].map((m) => (m[1] ?? m[2])!);
  const reached = new Set<string>();
  const packages = new Set<string>();
  const visit = (path: string) => {
    if (reached.has(path)) return;
    reached.add(path);
    for (const spec of staticImports(readFileSync(path, 'utf8'))) {
      if (!spec.startsWith('.')) packages.add(spec);
      else if (/\.tsx?$/.test(spec)) visit(resolve(dirname(path), spec));
    }
  };
  visit(join(SRC, 'main.tsx'));
  const rel = [...reached].map((path) => relative(SRC, path));
  assert.ok(rel.includes('app/first-screen-queries.ts'), `the entry starts the first screen's queries (reached: ${rel.join(', ')})`);
  assert.deepEqual(
    [...packages].filter((name) => /^react-dom|^react-router/.test(name)),
    [],
    'react-dom and the router load with the app, after the requests went out',
  );
  assert.deepEqual(
    rel.filter((path) => path.endsWith('.tsx') && path !== 'main.tsx'),
    [],
    'no component (and so no screen) before the app',
  );
});
