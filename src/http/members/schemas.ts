import { z } from 'zod';
import { idParam } from '../common-schemas.ts';

export const memberView = z.object({
  id: z.number().describe('The user id'),
  username: z.string(),
  name: z.string(),
  access_level: z.number(),
  created_at: z.string(),
});

const accessLevel = z.number().int().describe('10 guest, 20 reporter, 30 developer, 40 maintainer, 50 owner');

export const addMemberBody = z.object({ user_id: z.number().int(), access_level: accessLevel });
export const updateMemberBody = z.object({ access_level: accessLevel });
export const memberParams = z.object({ id: z.string().min(1), user_id: idParam });
