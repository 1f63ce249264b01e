// The session cookie: `postdesk_session`, HTTP-only (scripts never see it), SameSite=Lax (not sent on
// cross-site subrequests or POSTs), Secure when PUBLIC_URL is https, for the whole site. Its Max-Age is the
// longest a session can live; the server ends it earlier when idle or signed out.
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config.ts';
import { SESSION_MAX_AGE_MS } from '../../domain/session-rules.ts';

export const SESSION_COOKIE = 'postdesk_session';

const cookieOptions = (config: Config): CookieSerializeOptions => ({
  httpOnly: true,
  sameSite: 'lax',
  secure: config.publicUrl.startsWith('https:'),
  path: '/',
});

export const sessionCookie = (request: FastifyRequest): string | null => request.cookies?.[SESSION_COOKIE] || null;

export function setSessionCookie(reply: FastifyReply, config: Config, sessionId: string): void {
  reply.setCookie(SESSION_COOKIE, sessionId, { ...cookieOptions(config), maxAge: Math.floor(SESSION_MAX_AGE_MS / 1000) });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(config));
}
