// Builds the Fastify app without listening: main.ts listens, tests use inject() or listen(0).
import fastifyCookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Context } from '../context.ts';
import { addJsonParser } from './body-parsers.ts';
import { sendError } from './errors.ts';
import { registerRoutes } from './register-routes.ts';
import { allRoutes } from './routes.ts';
import { endEventStreamsOnClose } from './events/event-stream.ts';
import { registerWebUi } from './web/web-ui.ts';

/**
 * How long a client may take, so that slow or idle connections cannot pile up (a trickle of one byte every
 * few seconds used to hold a connection for minutes). Node checks the request and header deadlines only
 * while a request is being received: once it is in, a long response (an event stream) is not cut by them.
 */
export interface HttpTimeouts {
  /** The whole request, headers and body. Long enough for a 25 MB mail or upload at about 4 Mbit/s. */
  requestMs: number;
  headersMs: number;
  /** An idle kept-alive connection between requests. */
  keepAliveMs: number;
  /** No byte either way on a socket for this long closes it; event streams send a heartbeat every 15 s, well inside it. */
  idleMs: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = { requestMs: 60_000, headersMs: 10_000, keepAliveMs: 5_000, idleMs: 60_000 };

/** JSON bodies; routes that take mail or files declare their own larger limit. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface HttpAppOptions {
  /** Tests shorten them to see a slow client cut off. */
  timeouts?: Partial<HttpTimeouts>;
}

/**
 * A request refused before its body was read (no credentials, a type the route does not take) closes the
 * connection after the answer. Otherwise Node would read and discard the rest of the body to keep the
 * connection alive: 25 MB of someone else's upload, for nothing.
 */
function closeIfBodyUnread(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (hasBody && !request.raw.complete) reply.header('connection', 'close');
  return reply;
}

const noFastifySchemas = (): never => {
  throw new Error('Postdesk routes validate with zod (http/route.ts); a Fastify JSON schema is not compiled');
};

export function buildHttpApp(ctx: Context, options: HttpAppOptions = {}): FastifyInstance {
  const timeouts = { ...HTTP_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    loggerInstance: ctx.logger.child({ part: 'http' }) as FastifyBaseLogger,
    // One line per request is noise at info level; `LOG_LEVEL=debug` brings it back.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(ctx.config.logLevel) }),
    bodyLimit: BODY_LIMIT_BYTES,
    // request.ip (the throttles' client address) comes from X-Forwarded-For only when a trusted proxy sent it.
    trustProxy: ctx.config.trustProxy ?? false,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionTimeout: timeouts.idleMs,
    // Node looks for overdue requests every connectionsCheckingInterval (30 s by default, which would let a
    // trickle live twice its deadline).
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: Math.min(2_000, Math.ceil(timeouts.headersMs / 2)) },
    // Routes validate with zod and presenters shape the JSON (route.ts): no route has a Fastify JSON schema,
    // so Fastify's own compilers (ajv, fast-json-stringify: ~100 modules) are never loaded.
    schemaController: { compilersFactory: { buildValidator: noFastifySchemas, buildSerializer: noFastifySchemas } },
  });
  addJsonParser(app);
  app.setErrorHandler((error, request, reply) => sendError(closeIfBodyUnread(request, reply), error));
  // The web UI's pages and assets, the security headers of every response, and the JSON 404 of the rest.
  registerWebUi(app, ctx.webRoot, (request, reply) =>
    closeIfBodyUnread(request, reply)
      .code(404)
      .send({ error: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` }),
  );
  endEventStreamsOnClose(app);
  // The session cookie is parsed in an onRequest hook that must exist before the routes are added.
  app.register(fastifyCookie);
  app.register(async (scope) => registerRoutes(scope, ctx, allRoutes()));
  return app;
}
