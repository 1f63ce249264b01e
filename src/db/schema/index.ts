// The whole database as one type: each table's file says what its columns mean.
import type { JobsTable } from './jobs.ts';
import type { PersonalAccessTokensTable } from './personal-access-tokens.ts';
import type { ProjectMembersTable } from './project-members.ts';
import type { ProjectsTable } from './projects.ts';
import type { ServiceDeskSettingsTable } from './service-desk-settings.ts';
import type { UsersTable } from './users.ts';

export interface DB {
  users: UsersTable;
  personal_access_tokens: PersonalAccessTokensTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  service_desk_settings: ServiceDeskSettingsTable;
  jobs: JobsTable;
}
