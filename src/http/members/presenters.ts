import type { ProjectMember } from '../../app/members/list-project-members.ts';

export const presentMember = (m: ProjectMember) => ({
  id: m.user_id,
  username: m.username,
  name: m.name,
  access_level: m.access_level,
  created_at: m.created_at,
});
