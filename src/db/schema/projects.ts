import type { Generated, Selectable } from 'kysely';

export interface ProjectsTable {
  id: Generated<number>;
  name: string;
  /** Full path, e.g. `acme/billing`; unique case-insensitively through `path_lower`. */
  path: string;
  path_lower: string;
  visibility: 'private' | 'internal' | 'public';
  created_at: string;
  updated_at: string;
}

export type ProjectRow = Selectable<ProjectsTable>;
