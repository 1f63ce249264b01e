// A small OAuth 2.0 authorization server on a loopback port for the XOAUTH2 tests, standing in for
// Microsoft's or Google's: a token endpoint (RFC 6749 §6, refresh_token grant; client id and secret checked;
// the refresh token rotated with each access token, the old one then refused, as strict providers do) and
// an introspection endpoint (RFC 7662) that dovecot's oauth2 passdb asks about each token presented. It
// records every token issued and every token presented, so a test sees when Postdesk refreshed and whether it
// ever presented a token that had expired.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CLIENT_ID = 'postdesk-test-client';
export const CLIENT_SECRET = 'test client secret 5f2b';

interface Token {
  user: string;
  expiresAt: number;
  revoked: boolean;
}

export interface Presented {
  user: string | null;
  at: number;
  active: boolean;
  /** Known, not revoked, but past its expiry when presented. */
  expired: boolean;
}

export interface OAuth2TestServer {
  tokenUrl: string;
  introspectionUrl: string;
  /** How long the access tokens issued from now on live (expires_in), in seconds. */
  lifetimeS: number;
  /** The token endpoint answers after this long (to make refreshes overlap). */
  delayMs: number;
  /** Set: the token endpoint answers this HTTP status with no body, as during an outage. */
  outage: number | null;
  /** A refresh token for `user`, as a consent screen would give. */
  grant(user: string): string;
  /** Access tokens issued, in order. */
  issued: { user: string; at: number; expiresAt: number }[];
  /** Refresh requests refused, in order (their `error`). */
  refused: string[];
  presented: Presented[];
  /** What the introspection endpoint would say of `token` (also used by an SMTP server's XOAUTH2 check). */
  check(token: string): { active: boolean; user: string | null };
  revokeAccessTokens(user: string): void;
  revokeRefreshTokens(user: string): void;
  close(): Promise<void>;
}

export async function startOAuth2Server(): Promise<OAuth2TestServer> {
  const accessTokens = new Map<string, Token>();
  const refreshTokens = new Map<string, Token>();
  const issued: OAuth2TestServer['issued'] = [];
  const refused: string[] = [];
  const presented: Presented[] = [];
  const newToken = (prefix: string) => `${prefix}-${randomBytes(12).toString('hex')}`;

  const check = (token: string) => {
    const known = accessTokens.get(token);
    const expired = known !== undefined && known.expiresAt <= Date.now();
    const active = known !== undefined && !known.revoked && !expired;
    presented.push({ user: known?.user ?? null, at: Date.now(), active, expired: known !== undefined && !known.revoked && expired });
    return { active, user: known?.user ?? null };
  };

  const server = createServer(async (req, res) => {
    const form = new URLSearchParams(await bodyOf(req));
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && req.url === '/token') {
      if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
      if (state.outage !== null) {
        res.writeHead(state.outage, { 'content-type': 'text/html' });
        return res.end('<h1>Service Unavailable</h1>');
      }
      const refuse = (status: number, error: string, description: string) => {
        refused.push(error);
        json(status, { error, error_description: description });
      };
      if (form.get('grant_type') !== 'refresh_token') return refuse(400, 'unsupported_grant_type', 'only refresh_token here');
      if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) return refuse(401, 'invalid_client', 'Unknown client.');
      const old = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!old || old.revoked) return refuse(400, 'invalid_grant', 'Token has been expired or revoked.');
      old.revoked = true; // rotated: the one presented is spent
      const refresh = newToken('rt');
      refreshTokens.set(refresh, { user: old.user, expiresAt: Number.POSITIVE_INFINITY, revoked: false });
      const access = newToken('at');
      const expiresAt = Date.now() + state.lifetimeS * 1000;
      accessTokens.set(access, { user: old.user, expiresAt, revoked: false });
      issued.push({ user: old.user, at: Date.now(), expiresAt });
      return json(200, { access_token: access, token_type: 'Bearer', expires_in: state.lifetimeS, refresh_token: refresh, scope: form.get('scope') ?? 'mail' });
    }
    if (req.method === 'POST' && req.url === '/introspect') {
      const { active, user } = check(form.get('token') ?? '');
      return json(200, active ? { active: true, username: user } : { active: false });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const state: OAuth2TestServer = {
    tokenUrl: `${base}/token`,
    introspectionUrl: `${base}/introspect`,
    lifetimeS: 3600,
    delayMs: 0,
    outage: null,
    grant(user) {
      const token = newToken('rt');
      refreshTokens.set(token, { user, expiresAt: Number.POSITIVE_INFINITY, revoked: false });
      return token;
    },
    issued,
    refused,
    presented,
    check,
    revokeAccessTokens(user) {
      for (const token of accessTokens.values()) if (token.user === user) token.revoked = true;
    },
    revokeRefreshTokens(user) {
      for (const token of refreshTokens.values()) if (token.user === user) token.revoked = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
