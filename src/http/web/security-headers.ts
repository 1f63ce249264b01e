// Headers every response of the app carries, and the Content-Security-Policy of every HTML page: scripts,
// styles, frames and connections only from this origin, no inline script (an explicit `script-src`
// without 'unsafe-inline'), no plugins, no <base> rewriting, never framed by another site. Remote images
// are allowed by the policy (`https:`) but the UI keeps them out of the DOM until the agent asks.
// A route that sets its own policy keeps it, and its own framing rules with it: the unsubscribe pages
// (stricter: nothing may load at all) and the mail viewer (`sandbox`, framed by the ticket page).
import type { FastifyInstance } from 'fastify';

export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('X-Content-Type-Options')) reply.header('X-Content-Type-Options', 'nosniff');
    if (!reply.hasHeader('Referrer-Policy')) reply.header('Referrer-Policy', 'no-referrer');
    const html = /^text\/html\b/i.test(String(reply.getHeader('Content-Type') ?? ''));
    if (html && !reply.hasHeader('Content-Security-Policy')) {
      reply.header('Content-Security-Policy', WEB_CSP);
      if (!reply.hasHeader('X-Frame-Options')) reply.header('X-Frame-Options', 'DENY');
    }
    return payload;
  });
}
