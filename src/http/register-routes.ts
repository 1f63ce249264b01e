// Turns route definitions into Fastify routes: authenticate, parse input with the route's zod schemas,
// run the handler, send the result (lists as bare arrays with X-Next-Cursor and Link headers).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticated } from '../app/tokens/authenticate-token.ts';
import type { Context } from '../context.ts';
import { authenticateRequest, checkWebhookSecret } from './auth.ts';
import { boundaryOf, parseMultipart } from './multipart.ts';
import type { ListResult, RouteDefinition } from './route.ts';

export const API_PREFIX = '/api/v1';

export function registerRoutes(app: FastifyInstance, ctx: Context, routes: RouteDefinition[]): void {
  for (const route of routes) {
    if (route.bodyType === 'multipart') app.register(async (scope) => addFileRoute(scope, ctx, route));
    else addRoute(app, ctx, route);
  }
}

/**
 * A route that takes a file: its own multipart/form-data parser (in a scope of its own, so the app-wide one
 * for RFC 8058 one-click POSTs stays as it is), with the upload limit, reached only once the caller is
 * authenticated (onRequest runs before any of the body is read).
 */
function addFileRoute(scope: FastifyInstance, ctx: Context, route: RouteDefinition): void {
  scope.removeContentTypeParser('multipart/form-data');
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: ctx.config.maxMessageBytes }, (request, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, boundaryOf(request.headers['content-type'])));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  const early = new WeakMap<FastifyRequest, Authenticated>();
  scope.addHook('onRequest', async (request) => {
    if (route.auth === 'token') early.set(request, await authenticateRequest(ctx, request));
  });
  addRoute(scope, ctx, route, early);
}

function addRoute(app: FastifyInstance, ctx: Context, route: RouteDefinition, early?: WeakMap<FastifyRequest, Authenticated>): void {
  app.route({
    method: route.method,
    url: fullPath(route),
    handler: async (request, reply) => {
      const auth = route.auth === 'token' ? (early?.get(request) ?? (await authenticateRequest(ctx, request))) : null;
      if (route.auth === 'webhook') checkWebhookSecret(ctx, request);
      const result = await route.handler({
        ctx,
        auth,
        params: route.params ? route.params.parse(request.params) : undefined,
        query: route.query ? route.query.parse(request.query ?? {}) : undefined,
        body: route.body ? route.body.parse(request.body ?? {}) : undefined,
        request,
        reply,
      });
      if (reply.sent) return reply;
      reply.code(route.status);
      if (route.status === 204) return reply.send();
      return route.list ? sendList(ctx, request, reply, result as ListResult<unknown>) : reply.send(result);
    },
  });
}

/** Paths served outside `/api/v1`: the API itself, liveness, and `/-/…` pages linked from mail (as GitLab's `/-/`). */
const isRootPath = (path: string) => path.startsWith('/api/') || path.startsWith('/-/') || path === '/health';

export const fullPath = (route: Pick<RouteDefinition, 'path'>) => (isRootPath(route.path) ? route.path : `${API_PREFIX}${route.path}`);

function sendList(ctx: Context, request: FastifyRequest, reply: FastifyReply, list: ListResult<unknown>): FastifyReply {
  if (list.nextCursor) {
    const next = new URL(request.url, 'http://placeholder');
    next.searchParams.set('cursor', list.nextCursor);
    reply.header('X-Next-Cursor', list.nextCursor);
    reply.header('Link', `<${ctx.config.publicUrl}${next.pathname}${next.search}>; rel="next"`);
  }
  if (list.total !== undefined) reply.header('X-Total', String(list.total));
  return reply.send(list.items);
}
