import type { Selectable } from 'kysely';

export interface ProjectMembersTable {
  project_id: number;
  user_id: number;
  /** GitLab's ladder: 10 guest, 20 reporter, 30 developer, 40 maintainer, 50 owner. */
  access_level: number;
  created_at: string;
}

export type ProjectMemberRow = Selectable<ProjectMembersTable>;
