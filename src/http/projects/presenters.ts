import type { ProjectRow } from '../../db/schema/projects.ts';

export const presentProject = (project: ProjectRow, publicUrl: string) => ({
  id: project.id,
  name: project.name,
  path: project.path,
  visibility: project.visibility,
  web_url: `${publicUrl}/projects/${encodeURIComponent(project.path)}/tickets`,
  created_at: project.created_at,
  updated_at: project.updated_at,
});
