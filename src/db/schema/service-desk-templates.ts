import type { Selectable } from 'kysely';

/** A project's own mail template (SD-71); a missing row means the built-in default is used. */
export interface ServiceDeskTemplatesTable {
  project_id: number;
  /** `thank_you`, `new_note` or `new_participant` (domain/mail-templates.ts). */
  name: string;
  /** Markdown with `%{PLACEHOLDER}`s; never blank (resetting deletes the row). */
  content: string;
  updated_at: string;
}

export type ServiceDeskTemplateRow = Selectable<ServiceDeskTemplatesTable>;
