import { z } from 'zod';

export const tokenView = z.object({
  id: z.number(),
  name: z.string(),
  user_id: z.number(),
  scopes: z.array(z.string()),
  expires_at: z.string().nullable(),
  revoked: z.boolean(),
  active: z.boolean(),
  last_used_at: z.string().nullable(),
  created_at: z.string(),
});

export const createdTokenView = tokenView.extend({ token: z.string().describe('Shown once; only its hash is stored') });

export const createTokenBody = z.object({
  name: z.string().min(1).max(255),
  scopes: z.array(z.string()).optional().describe('`api` (default) or `read_api`'),
  expires_at: z.string().nullable().optional().describe('YYYY-MM-DD; the token stops working at the start of that day (UTC)'),
});
