// Development only: lets the web app run against a server that has no cookie sessions yet. With
// POSTDESK_DEV_TOKEN set, the dev proxy adds that Bearer token to every /api request, and this plugin
// answers the session endpoints the app asks for (GET/POST/DELETE /api/v1/session) from GET /api/v1/user.
// Never part of a build (only `vite` and `vite preview` use it).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

export function devBearerSession(target: string, token: string): Plugin {
  return {
    name: 'postdesk-dev-bearer-session',
    configurePreviewServer(server) {
      server.middlewares.use('/api/v1/session', answer);
    },
    configureServer(server) {
      server.middlewares.use('/api/v1/session', answer);
    },
  };

  async function answer(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'DELETE') {
      res.statusCode = 204;
      res.end();
      return;
    }
    const answer = await fetch(`${target}/api/v1/user`, { headers: { authorization: `Bearer ${token}` } });
    const user = (await answer.json()) as Record<string, unknown>;
    res.statusCode = answer.status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer.ok ? { user, csrf_token: 'dev' } : user));
  }
}
