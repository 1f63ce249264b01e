import { z } from 'zod';
import { idParam, projectParams } from '../common-schemas.ts';

export const mailboxView = z.object({
  id: z.number(),
  project_id: z.number().nullable().describe("null: the instance's mailbox (IMAP_URL)"),
  identity: z
    .string()
    .describe(
      'Which mailbox this is: `user@host:port/folder` (user and folder URL-encoded); the same account and folder is the same mailbox, whatever the scheme or password',
    ),
  url_without_password: z.string().describe('The IMAP URL with the password masked'),
  move_to: z.string().nullable().describe('The folder taken mail is moved to; null: it is flagged \\Seen and stays'),
  connected: z.boolean().describe('A Postdesk process holds an open IMAP connection to it now'),
  last_fetch_at: z.string().nullable().describe('When a message was last taken from it'),
  backlog: z.number().describe('Messages left in the folder at the last look (too large, or not reached yet)'),
  last_error: z.string().nullable().describe('What went wrong last (wrong credentials, a refused folder, a dropped connection); null once a look succeeds'),
  last_error_at: z.string().nullable(),
  created_at: z.string(),
});

export const addMailboxBody = z
  .object({
    imap_url: z.string().min(1).describe('imap:// or imaps://user:password@host:port/FOLDER; user and password URL-encoded; the folder defaults to INBOX'),
    move_to: z.string().min(1).nullable().optional().describe('Move taken mail to this folder instead of flagging it \\Seen'),
  })
  .strict();

export const mailboxParams = projectParams.extend({ mailbox_id: idParam });
