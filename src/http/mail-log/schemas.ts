import { z } from 'zod';
import { idParam, pageQuery } from '../common-schemas.ts';
import { authenticationView } from '../tickets/schemas.ts';

export const inboundView = z.object({
  id: z.number(),
  state: z.enum(['received', 'processed', 'ignored', 'failed']),
  reason: z.string().nullable(),
  error: z.string().nullable(),
  project_id: z.number().nullable(),
  ticket_iid: z.number().nullable(),
  note_id: z.number().nullable(),
  matched_by: z.string().nullable().describe('reply_key, references, in_reply_to, project_key, alias or custom_email'),
  from: z.string().nullable(),
  to: z.array(z.string()),
  cc: z.array(z.string()).describe('Empty for mail stored before Cc was kept'),
  subject: z.string().nullable(),
  message_id: z.string().nullable(),
  size: z.number(),
  received_at: z.string(),
  processed_at: z.string().nullable(),
  channel: z.enum(['smtp', 'imap', 'http', 'cli']),
  authentication: authenticationView.describe('Who really sent it (DKIM, SPF, DMARC); null until it is processed'),
});

export const outboundView = z.object({
  id: z.number(),
  state: z.enum(['queued', 'sending', 'sent', 'kept', 'failed', 'uncertain']),
  kind: z.string(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  message_id: z.string(),
  in_reply_to: z.string().nullable(),
  references: z.string(),
  reply_to: z.string().nullable(),
  attempts: z.number(),
  error: z.string().nullable(),
  via: z.enum(['instance', 'project_account']).describe("The instance relay (OUTGOING_SMTP_URL), or the project's own SMTP account (its custom email)"),
  project_id: z.number().nullable(),
  ticket_iid: z.number().nullable(),
  created_at: z.string(),
  sent_at: z.string().nullable(),
});

export const messageParams = z.object({ id: idParam });

export const listInboundQuery = pageQuery.extend({
  state: z.enum(['received', 'processed', 'ignored', 'failed']).optional(),
  project_id: z.string().optional(),
});

export const listOutboundQuery = pageQuery.extend({ project_id: z.string().optional(), to: z.string().optional() });
