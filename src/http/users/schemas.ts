import { z } from 'zod';
import { pageQuery } from '../common-schemas.ts';

export const userView = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  state: z.enum(['active', 'blocked']),
  admin: z.boolean(),
  bot: z.boolean(),
  created_at: z.string(),
  email: z.string().optional().describe('Only for the user themself and admins'),
});

export const createUserBody = z.object({
  username: z.string(),
  email: z.string(),
  name: z.string().min(1),
  password: z.string().optional(),
  admin: z.boolean().optional(),
});

export const listUsersQuery = pageQuery.extend({ username: z.string().optional() });
