// What the web app's first load costs: the JS and CSS that web/dist/index.html pulls in (its entry
// script, modulepreloads and stylesheets), gzipped. Lazy screens are not counted; they load on demand.
// Fails when the first-load JS exceeds the budget (250 KB gzipped). Run after `npm run build:web`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_JS = 250 * 1024;
const dist = fileURLToPath(new URL('../web/dist/', import.meta.url));
const html = readFileSync(`${dist}index.html`, 'utf8');
const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
let js = 0;
let css = 0;
for (const ref of new Set(refs)) {
  const size = gzipSync(readFileSync(`${dist}${ref}`), { level: 9 }).length;
  if (ref.endsWith('.js')) js += size;
  else css += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${ref}`);
}
console.log(`first load: JS ${(js / 1024).toFixed(1)} KB gzipped, CSS ${(css / 1024).toFixed(1)} KB gzipped (budget for JS: ${BUDGET_JS / 1024} KB)`);
if (js > BUDGET_JS) process.exit(1);
