import { z } from 'zod';
import { idParam, pageQuery, projectParams, userRefView } from '../common-schemas.ts';

export const blockedSenderView = z.object({
  id: z.number(),
  kind: z.enum(['address', 'domain']),
  value: z.string().describe('Lower-case: an address, or a domain without `@` (which blocks its subdomains too)'),
  note: z.string().nullable(),
  created_by: userRefView.nullable().describe('Who blocked it; null for the system or a deleted user'),
  created_at: z.string(),
});

export const listBlockedSendersQuery = pageQuery;

export const addBlockedSenderBody = z
  .object({
    value: z.string().max(320).describe('An address (`spam@example.com`) or a domain (`example.com` or `@example.com`)'),
    note: z.string().max(500).nullable().optional(),
  })
  .strict();

export const blockedSenderParams = projectParams.extend({ blocked_id: idParam });

export const blockMessageSenderBody = z
  .object({
    scope: z.enum(['address', 'domain']).default('address').describe("`address`: the message's From; `domain`: the From's whole domain"),
    note: z.string().max(500).nullable().optional(),
  })
  .strict();
