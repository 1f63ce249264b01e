// OAuth 2.0 credentials in the API (issue 8), the same for an IMAP mailbox (`oauth2`) and a project's SMTP
// account (`custom_email_smtp_oauth2`): what a maintainer sends, how it reaches the use cases, and what is shown
// back — never the client secret, the refresh token or an access token.
import { z } from 'zod';
import type { OAuth2GrantView, OAuth2Input } from '../app/oauth2/oauth2-grants.ts';

export const oauth2View = z.object({
  provider: z.string().nullable().describe('microsoft or google when the token URL came from the provider; null when given'),
  token_url: z.string(),
  client_id: z.string(),
  scope: z.string().nullable().describe('Sent with each refresh; null: none'),
  access_token_expires_at: z.string().nullable().describe('When the access token held now expires; null: none fetched yet'),
  refreshed_at: z.string().nullable().describe('When an access token was last issued'),
  last_error: z.string().nullable().describe('Why the last refresh failed (e.g. invalid_grant: the refresh token was revoked); null once one succeeds'),
  last_error_at: z.string().nullable(),
});

/** `protocol`: whose scope a provider fills in (Microsoft issues tokens per protocol). */
export const oauth2Body = (protocol: 'IMAP' | 'SMTP') =>
  z
    .object({
      provider: z.enum(['microsoft', 'google']).optional().describe(`Fills in the provider's token URL (and, for microsoft, the ${protocol} scope)`),
      token_url: z.string().min(1).optional().describe("The token endpoint (https); overrides the provider's"),
      client_id: z.string().min(1),
      client_secret: z.string().optional().describe('Stored encrypted, never returned; omit for a public client'),
      refresh_token: z.string().min(1).describe('Stored encrypted, never returned; replaced when the provider rotates it'),
      scope: z.string().min(1).optional().describe("Sent with each refresh; overrides the provider's"),
    })
    .strict();

type OAuth2Body = z.infer<ReturnType<typeof oauth2Body>>;

export const oauth2InputOf = (body: OAuth2Body): OAuth2Input => ({
  provider: body.provider,
  tokenUrl: body.token_url,
  clientId: body.client_id,
  clientSecret: body.client_secret,
  refreshToken: body.refresh_token,
  scope: body.scope,
});

export const presentOAuth2Grant = (grant: OAuth2GrantView) => ({
  provider: grant.provider,
  token_url: grant.tokenUrl,
  client_id: grant.clientId,
  scope: grant.scope,
  access_token_expires_at: grant.accessTokenExpiresAt,
  refreshed_at: grant.refreshedAt,
  last_error: grant.lastError,
  last_error_at: grant.lastErrorAt,
});
