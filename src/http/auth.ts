// Who is calling: a bearer personal access token for the API. A read_api token may only read.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { authenticateToken, type Authenticated } from '../app/tokens/authenticate-token.ts';
import type { Context } from '../context.ts';
import { DomainError } from '../domain/errors.ts';
import { scopesAllow } from '../domain/personal-access-token.ts';

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

export async function authenticateRequest(ctx: Context, request: FastifyRequest): Promise<Authenticated> {
  const token = bearerToken(request);
  const auth = token ? await authenticateToken(ctx, token) : undefined;
  if (!auth) throw new DomainError('unauthorized', token ? 'The token is unknown, expired or revoked' : 'Sign in or send Authorization: Bearer <token>');
  if (!scopesAllow(auth.scopes, request.method !== 'GET' && request.method !== 'HEAD')) {
    throw new DomainError('insufficient_scope', 'This token may only read (scope read_api)');
  }
  return auth;
}

/** The inbound webhook is authorised by a shared secret, compared in constant time. */
export function checkWebhookSecret(ctx: Context, request: FastifyRequest): void {
  const secret = ctx.config.inboundWebhookSecret;
  const given = bearerToken(request);
  if (!secret) throw new DomainError('not_found', 'The inbound webhook is not enabled (INBOUND_WEBHOOK_SECRET)');
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new DomainError('unauthorized', 'Bad or missing webhook secret');
}
