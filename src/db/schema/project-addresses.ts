import type { Generated, Selectable } from 'kysely';

/** An extra incoming address of a project: mail to it opens tickets with `labels` already applied. */
export interface ProjectAddressesTable {
  id: Generated<number>;
  project_id: number;
  /** The `<key>` of `<slug>-<key>` in INCOMING_EMAIL_ADDRESS; unique per project. */
  key: string;
  /** JSON array of label names. */
  labels: string;
  created_at: string;
}

export type ProjectAddressRow = Selectable<ProjectAddressesTable>;
