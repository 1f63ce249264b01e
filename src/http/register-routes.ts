// Turns route definitions into Fastify routes: authenticate (in onRequest, before any body is read),
// parse input with the route's zod schemas, run the handler, send the result (lists as bare arrays with
// X-Next-Cursor and Link headers). Each kind of body is accepted only by the routes declared for it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../context.ts';
import { authenticateBySession, authenticateRequest, checkWebhookSecret, type RequestAuth } from './auth.ts';
import { addFormParsers, addMailParser } from './body-parsers.ts';
import { boundaryOf, parseMultipart } from './multipart.ts';
import type { ListResult, RouteDefinition } from './route.ts';
import { createWrongCredentialsThrottle, type WrongCredentialsThrottle } from './wrong-credentials-throttle.ts';

export const API_PREFIX = '/api/v1';

export function registerRoutes(app: FastifyInstance, ctx: Context, routes: RouteDefinition[]): void {
  const throttle = createWrongCredentialsThrottle();
  const withBody = (type: NonNullable<RouteDefinition['bodyType']>) => routes.filter((r) => (r.bodyType ?? 'json') === type);
  for (const route of withBody('json')) addRoute(app, ctx, route, throttle);
  app.register(async (scope) => {
    addFormParsers(scope);
    for (const route of withBody('form')) addRoute(scope, ctx, route, throttle);
  });
  app.register(async (scope) => {
    addMailParser(scope, ctx.config.maxMessageBytes);
    for (const route of withBody('rfc822')) addRoute(scope, ctx, route, throttle);
  });
  app.register(async (scope) => {
    addMultipartParser(scope, ctx.config.maxMessageBytes);
    for (const route of withBody('multipart')) addRoute(scope, ctx, route, throttle);
  });
}

function addRoute(app: FastifyInstance, ctx: Context, route: RouteDefinition, throttle: WrongCredentialsThrottle): void {
  const authOf = new WeakMap<FastifyRequest, RequestAuth>();
  app.route({
    method: route.method,
    url: fullPath(route),
    // onRequest runs before the body is read: a caller without valid credentials never gets to send one.
    ...(route.auth !== 'public' && {
      onRequest: async (request: FastifyRequest) => {
        if (route.auth === 'webhook') return checkWebhookSecret(ctx, request, throttle);
        authOf.set(request, route.auth === 'session' ? await authenticateBySession(ctx, request, throttle) : await authenticateRequest(ctx, request, throttle));
      },
    }),
    handler: async (request, reply) => {
      const result = await route.handler({
        ctx,
        auth: authOf.get(request) ?? null,
        params: route.params ? route.params.parse(request.params) : undefined,
        query: route.query ? route.query.parse(request.query ?? {}) : undefined,
        body: route.body ? route.body.parse(request.body ?? {}) : undefined,
        request,
        reply,
        reauthenticate: () => authenticateRequest(ctx, request, throttle),
      });
      if (reply.sent) return reply;
      reply.code(route.status);
      if (route.status === 204) return reply.send();
      return route.list ? sendList(ctx, request, reply, result as ListResult<unknown>) : reply.send(result);
    },
  });
}

/**
 * Files for routes that take them (uploads), in a scope of their own so the app-wide multipart parser for
 * RFC 8058 one-click POSTs stays as it is; reached only once the caller is authenticated (onRequest).
 */
function addMultipartParser(scope: FastifyInstance, maxBytes: number): void {
  scope.removeContentTypeParser('multipart/form-data');
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maxBytes }, (request, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, boundaryOf(request.headers['content-type'])));
    } catch (error) {
      done(error as Error, undefined);
    }
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
