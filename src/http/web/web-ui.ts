// Serves the built web UI from this process: `/assets/*` as immutable, precompressed files (Vite puts a
// content hash in every name), and `index.html` for every page of the single-page app, which routes on the client.
// What is not a page — the API, `/-/` links from mail, `/health`, assets, or a request that does not
// accept HTML — keeps the JSON 404. index.html is read per request (navigations are rare) and never
// cached, so a rebuild shows without a restart and a deploy never strands a tab on old asset names.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NOT_BUILT_PAGE } from './not-built-page.ts';
import { addSecurityHeaders } from './security-headers.ts';

const NOT_PAGES = /^\/(api|-|assets)(\/|$)|^\/health(\/|$)|^\/openapi\.json$/;

/** `notFound` answers what is not a page (the API's JSON 404). */
export function registerWebUi(app: FastifyInstance, webRoot: string, notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply): void {
  addSecurityHeaders(app);
  const assets = join(webRoot, 'assets');
  if (existsSync(assets)) {
    // `preCompressed`: the build wrote `.br`/`.gz` twins (web/precompress-assets.ts); the browser gets the one
    // it accepts, with Content-Encoding and `Vary: accept-encoding`, and the file itself otherwise.
    app.register(fastifyStatic, { root: assets, prefix: '/assets/', decorateReply: false, index: false, immutable: true, maxAge: '365d', preCompressed: true });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (isPageRequest(request)) return sendIndex(reply, webRoot);
    return notFound(request, reply);
  });
}

function isPageRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0]!;
  return !NOT_PAGES.test(path) && /\btext\/html\b/i.test(request.headers.accept ?? '');
}

async function sendIndex(reply: FastifyReply, webRoot: string): Promise<FastifyReply> {
  const index = await readFile(join(webRoot, 'index.html'), 'utf8').catch(() => null);
  return reply
    .code(index === null ? 503 : 200)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Cache-Control', 'no-cache')
    .send(index ?? NOT_BUILT_PAGE);
}
