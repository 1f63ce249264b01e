import { z } from 'zod';

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
  custom_email_enabled: z.boolean(),
  custom_email_state: z.enum(['started', 'verified', 'failed']).nullable(),
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
    custom_email: z.string().nullable(),
    custom_email_enabled: z.boolean(),
  })
  .partial()
  .strict();
