import { z } from 'zod';
import { CUSTOM_EMAIL_ERRORS } from '../../domain/custom-email-verification.ts';
import { SMTP_AUTH_METHODS } from '../../domain/smtp-account.ts';
import { oauth2Body, oauth2View } from '../oauth2-schemas.ts';

export const serviceDeskView = z.object({
  project_id: z.number(),
  enabled: z.boolean(),
  service_desk_address: z.string().describe('The address to hand out (SD-12): custom email if enabled, else alias, else incoming'),
  incoming_address: z.string().describe('Always the INCOMING_EMAIL_ADDRESS form (SD-03)'),
  alias_address: z.string().nullable(),
  project_key: z.string().nullable(),
  tickets_confidential_by_default: z.boolean(),
  reopen_issue_on_external_participant_note: z.boolean(),
  add_external_participants_from_cc: z.boolean(),
  outgoing_name: z.string().nullable().describe('Display name of mail we send; null means "Support Bot"'),
  issue_template: z.string().nullable(),
  custom_email: z.string().nullable(),
  custom_email_enabled: z.boolean().describe('SD-98: can be switched on once custom_email_state is finished'),
  custom_email_state: z.enum(['started', 'finished', 'failed']).nullable().describe('SD-96: the verification of custom_email'),
  custom_email_error: z.enum(CUSTOM_EMAIL_ERRORS).nullable().describe('SD-96: why the verification failed'),
  custom_email_verification_started_at: z.string().nullable(),
  custom_email_smtp_address: z.string().nullable().describe("The custom address's SMTP account: shown to maintainers and up only"),
  custom_email_smtp_port: z.number().nullable(),
  custom_email_smtp_username: z.string().nullable(),
  custom_email_smtp_authentication: z.enum(SMTP_AUTH_METHODS).nullable().describe('How the password is sent; null with OAuth 2.0 (XOAUTH2)'),
  custom_email_smtp_password_set: z.boolean().describe('The password itself is never returned; false when the account signs in with OAuth 2.0'),
  custom_email_smtp_oauth2: oauth2View
    .nullable()
    .describe('The OAuth 2.0 credentials the account signs in with (XOAUTH2), without the client secret or any token; null for a password'),
  custom_email_forwarding_guidance: z.string().nullable().describe('SD-101: how the custom mailbox must forward to Postdesk'),
});

export const updateServiceDeskBody = z
  .object({
    enabled: z.boolean(),
    project_key: z.string().nullable(),
    outgoing_name: z.string().nullable(),
    tickets_confidential_by_default: z.boolean(),
    reopen_issue_on_external_participant_note: z.boolean(),
    add_external_participants_from_cc: z.boolean(),
    issue_template: z.string().nullable(),
    custom_email: z.string().nullable().describe('null resets the custom address and its SMTP account (SD-100)'),
    custom_email_enabled: z.boolean(),
    custom_email_smtp_address: z.string().describe('SD-91: the SMTP host of the custom address, e.g. smtp.example.com'),
    custom_email_smtp_port: z.number().int().nullable().describe('SD-91: 587 when null or not given'),
    custom_email_smtp_username: z.string(),
    custom_email_smtp_password: z.string().describe('Write-only, 8 to 128 characters; stored sealed with SECRET_KEY; replaces OAuth 2.0 credentials'),
    custom_email_smtp_authentication: z.enum(SMTP_AUTH_METHODS).nullable().describe("null: the server's AUTH list decides; must be null with OAuth 2.0"),
    custom_email_smtp_oauth2: oauth2Body('SMTP').describe(
      'Instead of a password (not with one): sign in with XOAUTH2 (Microsoft 365, Gmail) using OAuth 2.0 credentials; replaces the password or earlier credentials',
    ),
  })
  .partial()
  .strict();
