// What the web app's first load costs: the JS and CSS that web/dist/index.html pulls in (its entry
// scripts, modulepreloads and stylesheets), gzipped, and the brotli twins the server actually sends
// (web/precompress-assets.ts). Lazy screens are not counted; they load on demand.
// Fails when the first-load JS exceeds the budget (250 KB gzipped), or when a first-load file has
// no brotli twin (the server would then send it uncompressed). Run after `npm run build:web`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_JS = 250 * 1024;
const dist = fileURLToPath(new URL('../web/dist/', import.meta.url));
const html = readFileSync(`${dist}index.html`, 'utf8');
const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
let js = 0;
let css = 0;
let brotli = 0;
const missingTwins: string[] = [];
for (const ref of new Set(refs)) {
  const size = gzipSync(readFileSync(`${dist}${ref}`), { level: 9 }).length;
  if (ref.endsWith('.js')) js += size;
  else css += size;
  const twin = `${dist}${ref}.br`;
  if (existsSync(twin)) brotli += statSync(twin).size;
  else missingTwins.push(ref);
  console.log(`${kb(size).padStart(10)}  ${ref}`);
}
console.log(`first load: JS ${kb(js)} gzipped, CSS ${kb(css)} gzipped (budget for JS: ${BUDGET_JS / 1024} KB); sent as brotli: ${kb(brotli)}`);
if (missingTwins.length) console.error(`no .br twin (sent uncompressed): ${missingTwins.join(', ')}`);
if (js > BUDGET_JS || missingTwins.length) process.exit(1);
