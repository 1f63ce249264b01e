import { z } from 'zod';
import { idParam, projectParams } from '../common-schemas.ts';

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

export const mailboxView = z.object({
  id: z.number(),
  project_id: z.number().nullable().describe("null: the instance's mailbox (IMAP_URL)"),
  identity: z
    .string()
    .describe(
      'Which mailbox this is: `user@host:port/folder` (user and folder URL-encoded); the same account and folder is the same mailbox, whatever the scheme or password',
    ),
  url_without_password: z.string().describe('The IMAP URL with the password masked (no password at all for OAuth 2.0)'),
  auth: z.enum(['password', 'oauth2']).describe('How the reader signs in: the password, or XOAUTH2 with an OAuth 2.0 access token'),
  oauth2: oauth2View.nullable().describe('The OAuth 2.0 credentials, without the client secret or any token; null for a password'),
  move_to: z.string().nullable().describe('The folder taken mail is moved to; null: it is flagged \\Seen and stays'),
  connected: z.boolean().describe('A Postdesk process holds an open IMAP connection to it now'),
  last_fetch_at: z.string().nullable().describe('When a message was last taken from it'),
  backlog: z.number().describe('Messages not taken yet at the last look (the sweep was stopped before reaching them)'),
  last_error: z.string().nullable().describe('What went wrong last (wrong credentials, a refused folder, a dropped connection); null once a look succeeds'),
  last_error_at: z.string().nullable(),
  created_at: z.string(),
});

const oauth2Body = z
  .object({
    provider: z.enum(['microsoft', 'google']).optional().describe("Fills in the provider's token URL (and, for microsoft, the IMAP scope)"),
    token_url: z.string().min(1).optional().describe("The token endpoint (https); overrides the provider's"),
    client_id: z.string().min(1),
    client_secret: z.string().optional().describe('Stored encrypted, never returned; omit for a public client'),
    refresh_token: z.string().min(1).describe('Stored encrypted, never returned; replaced when the provider rotates it'),
    scope: z.string().min(1).optional().describe("Sent with each refresh; overrides the provider's"),
  })
  .strict();

export const addMailboxBody = z
  .object({
    imap_url: z
      .string()
      .min(1)
      .describe(
        'imap:// or imaps://user:password@host:port/FOLDER; user and password URL-encoded; the folder defaults to INBOX. With oauth2: imaps://user@host/FOLDER, no password',
      ),
    move_to: z.string().min(1).nullable().optional().describe('Move taken mail to this folder instead of flagging it \\Seen'),
    oauth2: oauth2Body.optional().describe('Sign in with XOAUTH2 (Microsoft 365, Gmail): OAuth 2.0 credentials instead of a password'),
  })
  .strict();

export const mailboxParams = projectParams.extend({ mailbox_id: idParam });
