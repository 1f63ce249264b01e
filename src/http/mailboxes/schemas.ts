import { z } from 'zod';
import { idParam, projectParams } from '../common-schemas.ts';
import { oauth2Body, oauth2View } from '../oauth2-schemas.ts';

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

export const addMailboxBody = z
  .object({
    imap_url: z
      .string()
      .min(1)
      .describe(
        'imap:// or imaps://user:password@host:port/FOLDER; user and password URL-encoded; the folder defaults to INBOX. With oauth2: imaps://user@host/FOLDER, no password',
      ),
    move_to: z.string().min(1).nullable().optional().describe('Move taken mail to this folder instead of flagging it \\Seen'),
    oauth2: oauth2Body('IMAP').optional().describe('Sign in with XOAUTH2 (Microsoft 365, Gmail): OAuth 2.0 credentials instead of a password'),
  })
  .strict();

export const mailboxParams = projectParams.extend({ mailbox_id: idParam });
