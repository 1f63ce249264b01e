import type { Selectable } from 'kysely';

/**
 * A project's own SMTP account (SD-91), one per project, kept until the custom address is reset (SD-100). It
 * signs in with a password or with OAuth 2.0 (XOAUTH2): exactly one of `smtp_password_sealed` and
 * `oauth2_grant_id` is set (a check constraint, migration 015).
 */
export interface CustomEmailCredentialsTable {
  project_id: number;
  smtp_address: string;
  smtp_port: number;
  smtp_username: string;
  /** Sealed with SECRET_KEY (app/secret-box.ts, purpose smtp_password); never returned. null: OAuth 2.0. */
  smtp_password_sealed: string | null;
  /** null: the server's AUTH list decides (always null with OAuth 2.0, which is XOAUTH2). */
  smtp_authentication: 'plain' | 'login' | 'cram_md5' | null;
  /** Set: the account signs in with XOAUTH2 and an access token of these credentials (app/oauth2/). */
  oauth2_grant_id: number | null;
  created_at: string;
  updated_at: string;
}

export type CustomEmailCredentialsRow = Selectable<CustomEmailCredentialsTable>;
