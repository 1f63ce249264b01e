import type { Generated, Selectable } from 'kysely';

/**
 * OAuth 2.0 credentials of a mailbox or of a project's SMTP account (custom email), and the access token last issued for
 * them: one row per account, shared by every process, so a refresh done by one serves all (app/oauth2/).
 * Every secret is sealed with SECRET_KEY (app/secret-box.ts), each under its own purpose.
 */
export interface OAuth2GrantsTable {
  id: Generated<number>;
  /** The project whose account this is (removed with it); null for the instance's own. */
  project_id: number | null;
  /** `microsoft` or `google` when the token URL came from the provider's name; null when given. */
  provider: string | null;
  token_url: string;
  client_id: string;
  /** Sent again on each refresh (Microsoft wants it); null: none. */
  scope: string | null;
  client_secret_sealed: string;
  /** The newest refresh token: a provider that rotates it hands out a new one with each access token. */
  refresh_token_sealed: string;
  access_token_sealed: string | null;
  access_token_expires_at: string | null;
  refreshed_at: string | null;
  /** Why the last refresh failed (the token endpoint's error, or that it could not be reached); null once one succeeds. */
  last_error: string | null;
  last_error_at: string | null;
  created_at: string;
}

export type OAuth2GrantRow = Selectable<OAuth2GrantsTable>;
