import type { Generated, Selectable } from 'kysely';

export interface ProjectsTable {
  id: Generated<number>;
  name: string;
  /** Full path, e.g. `acme/billing`; unique case-insensitively through `path_lower`. */
  path: string;
  path_lower: string;
  visibility: 'private' | 'internal' | 'public';
  /** The iid of the newest ticket; incremented in the transaction that opens one. */
  last_ticket_iid: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type ProjectRow = Selectable<ProjectsTable>;
