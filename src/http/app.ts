// Builds the Fastify app without listening: main.ts listens, tests use inject() or listen(0).
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Context } from '../context.ts';
import { sendError } from './errors.ts';
import { registerRoutes } from './register-routes.ts';
import { allRoutes } from './routes.ts';

export function buildHttpApp(ctx: Context): FastifyInstance {
  const app = Fastify({
    loggerInstance: ctx.logger.child({ part: 'http' }) as FastifyBaseLogger,
    // One line per request is noise at info level; `LOG_LEVEL=debug` brings it back.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(ctx.config.logLevel) }),
  });
  app.setErrorHandler((error, _request, reply) => sendError(reply, error));
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` }));
  registerRoutes(app, ctx, allRoutes());
  return app;
}
