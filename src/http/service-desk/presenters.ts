import type { ServiceDeskSettings } from '../../app/service-desk/service-desk-settings.ts';
import { forwardingGuidance } from '../../domain/custom-email-mails.ts';
import type { CustomEmailError } from '../../domain/custom-email-verification.ts';
import { presentOAuth2Grant } from '../oauth2-schemas.ts';

export const presentServiceDesk = ({ project, settings, addresses, smtpAccount }: ServiceDeskSettings) => ({
  project_id: project.id,
  enabled: settings.enabled === 1,
  service_desk_address: addresses.serviceDeskAddress,
  incoming_address: addresses.incomingAddress,
  alias_address: addresses.aliasAddress,
  project_key: settings.project_key,
  tickets_confidential_by_default: settings.tickets_confidential_by_default === 1,
  reopen_issue_on_external_participant_note: settings.reopen_issue_on_external_participant_note === 1,
  add_external_participants_from_cc: settings.add_external_participants_from_cc === 1,
  outgoing_name: settings.outgoing_name,
  issue_template: settings.issue_template,
  custom_email: settings.custom_email,
  custom_email_enabled: settings.custom_email_enabled === 1,
  custom_email_state: settings.custom_email_state,
  custom_email_error: settings.custom_email_error as CustomEmailError | null,
  custom_email_verification_started_at: settings.custom_email_started_at,
  custom_email_smtp_address: smtpAccount?.host ?? null,
  custom_email_smtp_port: smtpAccount?.port ?? null,
  custom_email_smtp_username: smtpAccount?.username ?? null,
  custom_email_smtp_authentication: smtpAccount?.authentication ?? null,
  custom_email_smtp_password_set: smtpAccount?.passwordSet ?? false,
  custom_email_smtp_oauth2: smtpAccount?.oauth2 ? presentOAuth2Grant(smtpAccount.oauth2) : null,
  custom_email_forwarding_guidance: settings.custom_email ? forwardingGuidance(settings.custom_email, addresses.incomingAddress) : null,
});
