import type { Generated, Selectable } from 'kysely';

/** One row per project, made with the project (SD-107). Booleans are 0/1: SQLite binds no JS booleans. */
export interface ServiceDeskSettingsTable {
  project_id: number;
  enabled: Generated<number>;
  project_key: Generated<string | null>;
  outgoing_name: Generated<string | null>;
  tickets_confidential_by_default: Generated<number>;
  reopen_issue_on_external_participant_note: Generated<number>;
  add_external_participants_from_cc: Generated<number>;
  issue_template: Generated<string | null>;
  custom_email: Generated<string | null>;
  custom_email_enabled: Generated<number>;
  custom_email_state: Generated<'started' | 'verified' | 'failed' | null>;
  updated_at: string;
}

export type ServiceDeskSettingsRow = Selectable<ServiceDeskSettingsTable>;
