import type { ServiceDeskSettings } from '../../app/service-desk/service-desk-settings.ts';

export const presentServiceDesk = ({ project, settings, addresses }: ServiceDeskSettings) => ({
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
});
