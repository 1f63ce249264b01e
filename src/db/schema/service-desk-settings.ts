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
  /** SD-96: the verification of custom_email; null when none was started. */
  custom_email_state: Generated<'started' | 'finished' | 'failed' | null>;
  /** SD-96's error code of a failed verification. */
  custom_email_error: Generated<string | null>;
  /** SHA-256 of the verification token while one is awaited (SD-93); the token itself is only in the mail. */
  custom_email_token_hash: Generated<string | null>;
  custom_email_started_at: Generated<string | null>;
  /** Who started the verification: they hear of its result (SD-93, SD-97). */
  custom_email_started_by: Generated<number | null>;
  updated_at: string;
}

export type ServiceDeskSettingsRow = Selectable<ServiceDeskSettingsTable>;
