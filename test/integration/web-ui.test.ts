// The web UI served by the same process: index.html for the app's pages, immutable assets, the JSON 404
// for everything else, the security headers and CSP on every HTML answer, and a clear page when the UI
// was never built.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { WEB_CSP } from '../../src/http/web/security-headers.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-1a2b3c.js"></script></head><body><div id="root"></div></body></html>';
const STYLES = `${'.queue-row { display: flex; }\n'.repeat(50)}`;
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

const get = (app: TestApp, url: string, headers: Record<string, string> = BROWSER) => app.http.inject({ method: 'GET', url, headers });

function assertPageHeaders(headers: Record<string, unknown>, where: string) {
  assert.equal(headers['content-security-policy'], EXPECTED_CSP, `${where}: the web CSP`);
  assert.equal(headers['x-content-type-options'], 'nosniff', `${where}: nosniff`);
  assert.equal(headers['referrer-policy'], 'no-referrer', `${where}: no referrer`);
  assert.equal(headers['x-frame-options'], 'DENY', `${where}: never framed`);
}

describe('web UI serving', () => {
  let app: TestApp;
  let webRoot: string;

  before(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'postdesk-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), INDEX);
    writeFileSync(join(webRoot, 'assets', 'app-1a2b3c.js'), 'console.log("app");\n');
    // What web/precompress-assets.ts writes beside an asset at build time.
    writeFileSync(join(webRoot, 'assets', 'styles-4d5e6f.css'), STYLES);
    writeFileSync(join(webRoot, 'assets', 'styles-4d5e6f.css.br'), brotliCompressSync(STYLES));
    writeFileSync(join(webRoot, 'assets', 'styles-4d5e6f.css.gz'), gzipSync(STYLES));
    app = await startTestApp({ webRoot });
  });
  after(async () => {
    await app.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  test('the policy in code is the one of the contract', () => {
    assert.equal(WEB_CSP, EXPECTED_CSP);
  });

  test('every page of the app answers index.html, uncached, with the security headers', async () => {
    for (const url of [
      '/',
      '/login',
      '/projects',
      '/projects/acme/web/tickets/12?tab=mail',
      '/projects/acme/settings/service_desk',
      '/admin/mail',
      '/settings/tokens',
      '/people',
    ]) {
      const response = await get(app, url);
      assert.equal(response.statusCode, 200, `${url} answers`);
      assert.equal(response.body, INDEX, `${url} is the app`);
      assert.match(String(response.headers['content-type']), /^text\/html/, `${url} is HTML`);
      assert.equal(response.headers['cache-control'], 'no-cache', `${url} is revalidated every time`);
      assertPageHeaders(response.headers, url);
    }
  });

  test('assets are served as immutable files; a missing one is a 404, not the app', async () => {
    const asset = await get(app, '/assets/app-1a2b3c.js', {});
    assert.equal(asset.statusCode, 200, 'the asset is served');
    assert.equal(asset.body, 'console.log("app");\n');
    assert.match(String(asset.headers['content-type']), /javascript/, 'as JavaScript');
    assert.match(String(asset.headers['cache-control']), /max-age=31536000/, 'cached for a year');
    assert.match(String(asset.headers['cache-control']), /immutable/, 'and never revalidated');
    assert.equal(asset.headers['x-content-type-options'], 'nosniff', 'never sniffed');
    const missing = await get(app, '/assets/app-000000.js');
    assert.equal(missing.statusCode, 404, 'a missing asset is a 404');
    assert.equal(missing.json().error, 'not_found', 'in JSON');
  });

  test('an asset built with compressed twins is sent compressed to a browser that accepts it, immutable, varying on Accept-Encoding', async () => {
    const url = '/assets/styles-4d5e6f.css';
    const brotli = await app.http.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    assert.equal(brotli.statusCode, 200, 'served');
    assert.equal(brotli.headers['content-encoding'], 'br', 'brotli when accepted');
    assert.equal(brotliDecompressSync(brotli.rawPayload).toString(), STYLES, 'the same stylesheet');
    assert.match(String(brotli.headers['content-type']), /^text\/css/, 'typed as the file, not as .br');
    assert.match(String(brotli.headers.vary), /accept-encoding/i, 'caches keep one copy per encoding');
    assert.match(String(brotli.headers['cache-control']), /immutable/, 'still immutable');
    const gzip = await app.http.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip', 'gzip when only gzip is accepted');
    assert.equal(gunzipSync(gzip.rawPayload).toString(), STYLES, 'the same stylesheet');
    const plain = await app.http.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers['content-encoding'], undefined, 'the file itself otherwise');
    assert.equal(plain.body, STYLES);
    assert.match(String(plain.headers.vary), /accept-encoding/i, 'which varies on Accept-Encoding too');
    const noTwin = await app.http.inject({ method: 'GET', url: '/assets/app-1a2b3c.js', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(noTwin.headers['content-encoding'], undefined, 'an asset without twins is sent as it is');
    assert.equal(noTwin.body, 'console.log("app");\n');
  });

  test('the API, mail links, health and non-browser requests keep the JSON 404', async () => {
    for (const url of ['/api/v1/no-such-thing', '/api', '/-/nothing-here', '/health/x', '/assets']) {
      const response = await get(app, url);
      assert.equal(response.statusCode, 404, `${url} is not a page`);
      assert.deepEqual(response.json(), { error: 'not_found', message: `No route GET ${url}` }, `${url} answers the API's 404`);
    }
    const curl = await get(app, '/projects', { accept: 'application/json' });
    assert.equal(curl.statusCode, 404, 'a client that does not accept HTML gets no page');
    const post = await app.http.inject({ method: 'POST', url: '/projects', headers: BROWSER });
    assert.equal(post.statusCode, 404, 'only GET serves pages');
    assert.equal(post.json().error, 'not_found');
    const health = await get(app, '/health');
    assert.equal(health.statusCode, 200, '/health still answers');
    assert.match(String(health.headers['content-type']), /json/, 'in JSON');
  });

  test('the unsubscribe page keeps its own stricter policy and the common headers', async () => {
    const response = await get(app, `/-/unsubscribe/${'0'.repeat(32)}`);
    assert.equal(response.statusCode, 404, 'an unknown key');
    assert.match(String(response.headers['content-type']), /^text\/html/, 'is a page');
    assert.match(String(response.headers['content-security-policy']), /default-src 'none'/, 'that may load nothing');
    assert.doesNotMatch(String(response.headers['content-security-policy']), /script-src[^;]*unsafe-inline/, 'and runs no inline script');
    assert.match(String(response.headers['content-security-policy']), /base-uri 'none'.*frame-ancestors 'none'/, 'nor rebases links or is framed');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
    assert.equal(response.headers['x-frame-options'], 'DENY');
  });

  test('JSON answers carry nosniff and no-referrer too', async () => {
    const response = await get(app, '/api/v1/user', {});
    assert.equal(response.statusCode, 401, 'no credentials');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
  });
});

describe('web UI not built', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ webRoot: join(tmpdir(), 'postdesk-web-never-built-0f3c') });
  });
  after(() => app.close());

  test('the server starts and / says how to build the UI, under the same policy', async () => {
    const response = await get(app, '/');
    assert.equal(response.statusCode, 503, 'not ready to serve the UI');
    assert.match(response.body, /web UI is not built/, 'says what is wrong');
    assert.match(response.body, /npm run build:web/, 'and how to fix it');
    assert.match(response.body, /npm install/, 'or the one command that builds it');
    assertPageHeaders(response.headers, '/ unbuilt');
    const api = await app.request(null, 'GET', '/health');
    assert.equal(api.status, 200, 'the API works regardless');
    const asset = await get(app, '/assets/app.js');
    assert.equal(asset.statusCode, 404, 'no assets');
  });
});
