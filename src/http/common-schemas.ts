import { z } from 'zod';

export const pageQuery = z.object({
  per_page: z.coerce.number().int().min(1).optional().describe('Items per page, default 20, at most 100 (larger values are clamped)'),
  cursor: z.string().optional().describe('Opaque cursor from the X-Next-Cursor header of the previous page'),
});

export const idParam = z.coerce.number().int().positive();

/** A project reference: its numeric id or its URL-encoded full path. */
export const projectParams = z.object({ id: z.string().min(1).describe('Numeric id or URL-encoded full path') });

export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

export const userRefView = z.object({ id: z.number(), username: z.string(), name: z.string() });
