// Builds the Fastify app without listening: main.ts listens, tests use inject() or listen(0).
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Context } from '../context.ts';
import { DomainError } from '../domain/errors.ts';
import { sendError } from './errors.ts';
import { registerRoutes } from './register-routes.ts';
import { allRoutes } from './routes.ts';
import { endEventStreamsOnClose } from './events/event-stream.ts';
import { registerWebUi } from './web/web-ui.ts';

export function buildHttpApp(ctx: Context): FastifyInstance {
  const app = Fastify({
    loggerInstance: ctx.logger.child({ part: 'http' }) as FastifyBaseLogger,
    // One line per request is noise at info level; `LOG_LEVEL=debug` brings it back.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(ctx.config.logLevel) }),
  });
  // Clients (curl with a default header, many SDKs) send `Content-Type: application/json` on bodiless
  // DELETEs; an empty body is simply no body, not a 400.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new DomainError('invalid', 'The body is not valid JSON'), undefined);
    }
  });
  // Raw mail for POST /inbound/mime, up to MAX_MESSAGE_BYTES (a larger body is a 413).
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: ctx.config.maxMessageBytes }, (_request, body, done) => done(null, body));
  // Browser forms and RFC 8058 one-click unsubscribe POSTs; repeated names keep the last value.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  // RFC 8058 §3.1: the one-click POST SHOULD be multipart/form-data. Its content carries nothing we need
  // (the key in the URL is the authority), so it is read and dropped, never parsed.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_request, _body, done) => done(null, undefined));
  app.setErrorHandler((error, _request, reply) => sendError(reply, error));
  // The web UI's pages and assets, the security headers of every response, and the JSON 404 of the rest.
  registerWebUi(app, ctx.webRoot);
  endEventStreamsOnClose(app);
  registerRoutes(app, ctx, allRoutes());
  return app;
}
