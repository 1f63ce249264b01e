import { z } from 'zod';
import { pageQuery, queryBoolean } from '../common-schemas.ts';

const visibility = z.enum(['private', 'internal', 'public']);

export const projectView = z.object({
  id: z.number(),
  name: z.string(),
  path: z.string(),
  visibility,
  web_url: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const createProjectBody = z.object({
  name: z.string().min(1).max(255),
  path: z.string().min(1).max(255),
  visibility: visibility.optional().describe('private (default), internal or public'),
});

export const updateProjectBody = createProjectBody.partial();

export const listProjectsQuery = pageQuery.extend({
  membership: queryBoolean.optional().describe('Only projects you are a member of'),
  search: z.string().optional(),
});
