// Who is calling: a bearer personal access token, or the session cookie of a signed-in browser; the Actor
// is the same either way. A write made with the cookie must carry the session's CSRF token in
// `X-CSRF-Token` (a cross-site page can make the browser send the cookie, but cannot read the token);
// a bearer token needs none, as no browser attaches it by itself. A read_api token may only read.
// Wrong credentials (not missing ones) count towards the per-address flood throttle.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { authenticateSession } from '../app/sessions/authenticate-session.ts';
import { csrfTokenFor, csrfTokenMatches } from '../app/sessions/session-secrets.ts';
import { authenticateToken } from '../app/tokens/authenticate-token.ts';
import type { Context } from '../context.ts';
import type { Actor } from '../domain/actor.ts';
import { DomainError } from '../domain/errors.ts';
import { scopesAllow } from '../domain/personal-access-token.ts';
import { sessionCookie } from './session/cookie.ts';
import type { WrongCredentialsThrottle } from './wrong-credentials-throttle.ts';

export interface SessionInfo {
  /** The session's row id (for sign-out and "end my other sessions"). */
  rowId: number;
  csrfToken: string;
}

/** What a handler of an authenticated route receives; `via` says which credential was used. */
export type RequestAuth =
  | { via: 'token'; actor: Extract<Actor, { kind: 'user' }>; scopes: string[]; tokenId: number; session: null }
  | { via: 'session'; actor: Extract<Actor, { kind: 'user' }>; scopes: string[]; session: SessionInfo };
export type SessionAuth = Extract<RequestAuth, { via: 'session' }>;

export const CSRF_HEADER = 'x-csrf-token';

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** For `auth: 'token'` routes: the bearer token when one is sent (no fallback to the cookie if it is wrong), else the session cookie. */
export async function authenticateRequest(ctx: Context, request: FastifyRequest, throttle: WrongCredentialsThrottle): Promise<RequestAuth> {
  const token = bearerToken(request);
  if (!token) return authenticateBySession(ctx, request, throttle);
  const auth = await authenticateToken(ctx, token);
  if (!auth) {
    throttle.fail(request.ip, ctx.clock());
    throw new DomainError('unauthorized', 'The token is unknown, expired or revoked');
  }
  if (!scopesAllow(auth.scopes, isWrite(request.method))) throw new DomainError('insufficient_scope', 'This token may only read (scope read_api)');
  return { via: 'token', ...auth, session: null };
}

/** For `auth: 'session'` routes (and cookie callers of the others): the session cookie, with the CSRF check on writes. */
export async function authenticateBySession(ctx: Context, request: FastifyRequest, throttle: WrongCredentialsThrottle): Promise<SessionAuth> {
  const id = sessionCookie(request);
  if (!id) throw new DomainError('unauthorized', 'Sign in or send Authorization: Bearer <token>');
  const session = await authenticateSession(ctx, id);
  if (!session) {
    throttle.fail(request.ip, ctx.clock());
    throw new DomainError('unauthorized', 'Your session has ended; sign in again');
  }
  const header = request.headers[CSRF_HEADER];
  if (isWrite(request.method) && !csrfTokenMatches(id, typeof header === 'string' ? header : undefined)) {
    throw new DomainError('csrf_failed', 'Send the csrf_token of your session in the X-CSRF-Token header');
  }
  // Sessions act with the user's full rights, as the API scope does.
  return { via: 'session', actor: session.actor, scopes: ['api'], session: { rowId: session.sessionRowId, csrfToken: csrfTokenFor(id) } };
}

/** The inbound webhook is authorised by a shared secret, compared in constant time. */
export function checkWebhookSecret(ctx: Context, request: FastifyRequest, throttle: WrongCredentialsThrottle): void {
  const secret = ctx.config.inboundWebhookSecret;
  const given = bearerToken(request);
  if (!secret) throw new DomainError('not_found', 'The inbound webhook is not enabled (INBOUND_WEBHOOK_SECRET)');
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    if (given) throttle.fail(request.ip, ctx.clock());
    throw new DomainError('unauthorized', 'Bad or missing webhook secret');
  }
}
