// OAuth 2.0 for mailboxes and SMTP accounts (issue 8): Microsoft 365 and Gmail refuse plain passwords, so
// Postdesk holds a client id/secret and a refresh token and trades them for short-lived access tokens
// (RFC 6749 §6, the refresh_token grant), which it presents with SASL XOAUTH2/OAUTHBEARER. This module is
// the pure part: the providers' token endpoints, which token URLs are acceptable, what a token endpoint's
// answer means, and when a cached token is too old to use. Nothing here may quote a secret or a token.

export const OAUTH2_PROVIDERS = ['microsoft', 'google'] as const;
export type OAuth2Provider = (typeof OAUTH2_PROVIDERS)[number];

/** What an access token is for; Microsoft issues tokens per resource and scope. */
export type OAuth2Use = 'imap' | 'smtp';

const TOKEN_URLS: Record<OAuth2Provider, string> = {
  // `common` serves multi-tenant app registrations; a single-tenant one names its tenant in token_url.
  microsoft: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  google: 'https://oauth2.googleapis.com/token',
};

/** Microsoft wants the scope again on refresh; Google keeps the one granted. */
const SCOPES: Record<OAuth2Provider, Record<OAuth2Use, string | null>> = {
  microsoft: {
    imap: 'offline_access https://outlook.office.com/IMAP.AccessAsUser.All',
    smtp: 'offline_access https://outlook.office.com/SMTP.Send',
  },
  google: { imap: null, smtp: null },
};

export const providerTokenUrl = (provider: OAuth2Provider) => TOKEN_URLS[provider];
export const providerScope = (provider: OAuth2Provider, use: OAuth2Use) => SCOPES[provider][use];

/**
 * A token URL receives the client secret and the refresh token, so it must be https; plain http only when
 * the instance allows it (OAUTH2_ALLOW_HTTP_TOKEN_URL, for a token service on the same host or in tests).
 * Returns what is wrong, or null.
 */
export function tokenUrlProblem(text: string, allowHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be a URL like https://login.example.com/oauth2/token';
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:'))
    return allowHttp ? 'must start with https:// or http://' : 'must start with https:// (http:// only with OAUTH2_ALLOW_HTTP_TOKEN_URL=true)';
  if (url.username || url.password) return 'must not carry credentials (give client_id and client_secret)';
  if (url.hash) return 'must not have a fragment';
  return null;
}

/** A token is used only while it has more than this left, so it never expires on its way to the server. */
export const REFRESH_MARGIN_MS = 60_000;

/** When a provider does not say how long a token lives (RFC 6749 §5.1 only recommends expires_in). */
const DEFAULT_LIFETIME_S = 3600;

export const isFresh = (expiresAt: string | null, now: Date, marginMs = REFRESH_MARGIN_MS) =>
  expiresAt !== null && Date.parse(expiresAt) - now.getTime() > marginMs;

export const hasExpired = (expiresAt: string | null, now: Date) => expiresAt === null || Date.parse(expiresAt) <= now.getTime();

export type TokenAnswer =
  | { kind: 'token'; accessToken: string; expiresAt: Date; refreshToken: string | null }
  /** `permanent`: asking again with the same credentials will not help (a revoked grant, a wrong client). */
  | { kind: 'refused'; permanent: boolean; message: string };

/** What a token endpoint's answer (HTTP status and parsed JSON, or null when it was not JSON) means (RFC 6749 §5.1, §5.2). */
export function readTokenAnswer(status: number, body: unknown, now: Date): TokenAnswer {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (status >= 200 && status < 300 && typeof fields.access_token === 'string' && fields.access_token !== '') {
    const type = typeof fields.token_type === 'string' ? fields.token_type.toLowerCase() : 'bearer';
    if (type !== 'bearer') return { kind: 'refused', permanent: true, message: `the token endpoint issued a "${clip(type, 40)}" token, not a Bearer token` };
    // Some endpoints send expires_in as a string.
    const lifetime = Number(fields.expires_in);
    const seconds = Number.isFinite(lifetime) && lifetime > 0 ? lifetime : DEFAULT_LIFETIME_S;
    const refreshToken = typeof fields.refresh_token === 'string' && fields.refresh_token !== '' ? fields.refresh_token : null;
    return { kind: 'token', accessToken: fields.access_token, expiresAt: new Date(now.getTime() + seconds * 1000), refreshToken };
  }
  if (typeof fields.error === 'string') {
    const code = clip(fields.error, 60);
    const description = typeof fields.error_description === 'string' ? ` (${clip(fields.error_description, 300)})` : '';
    return {
      kind: 'refused',
      permanent: PERMANENT.has(code),
      message: `the token endpoint refused the refresh token: ${code}${description}${HINTS[code] ?? ''}`,
    };
  }
  if (status >= 200 && status < 300) return { kind: 'refused', permanent: false, message: 'the token endpoint answered without an access_token' };
  return { kind: 'refused', permanent: false, message: `the token endpoint answered HTTP ${status}` };
}

/** RFC 6749 §5.2 errors that the same request will meet again. */
const PERMANENT = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope']);

const HINTS: Record<string, string> = {
  invalid_grant: '; the refresh token expired or was revoked: connect the account again with a new one',
  invalid_client: '; check the client id and client secret',
  unauthorized_client: '; the app registration may not use refresh tokens',
  invalid_scope: '; the scope asked for was not granted',
};

/** One line, bounded: a provider's text goes into last_error, which is shown and logged. */
const clip = (text: string, max: number) => {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};
