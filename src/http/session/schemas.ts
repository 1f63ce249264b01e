import { z } from 'zod';

export const signInBody = z.object({
  login: z.string().min(1).max(255).describe('Username or email address, any case'),
  password: z.string().min(1).max(1024),
});

export const sessionView = z.object({
  user: z.object({ id: z.number(), username: z.string(), name: z.string(), email: z.string(), admin: z.boolean() }),
  csrf_token: z.string().describe('Send it in the X-CSRF-Token header with every write made with the session cookie'),
});

export const changePasswordBody = z.object({
  current_password: z.string().max(1024),
  password: z.string().max(1024),
});
