import { z } from 'zod';
import { MAX_NOTES_PER_PAGE } from '../../app/notes/list-notes.ts';
import { MAX_STORED_TEXT_LENGTH } from '../../domain/stored-text.ts';
import { pageQuery, userRefView } from '../common-schemas.ts';
import { attachmentView, authenticationView, mailProvenanceView } from '../tickets/schemas.ts';

/** A conversation is read whole, so its pages are larger than other lists' (list-notes.ts). */
export const notesPageQuery = pageQuery.extend({
  per_page: z.coerce.number().int().min(1).optional().describe(`Items per page, default 20, at most ${MAX_NOTES_PER_PAGE} (larger values are clamped)`),
});

export const noteView = z.object({
  id: z.number(),
  body: z.string(),
  internal: z.boolean(),
  system: z.boolean(),
  author: userRefView,
  external_author: z.string().nullable(),
  attachments: z.array(attachmentView),
  email: mailProvenanceView.describe("The received mail this note was made from (a customer's reply, a member's answer by mail); null otherwise"),
  authentication: authenticationView.describe('Who really sent the mail this note was made from; null for notes not made from mail'),
  created_at: z.string(),
});

/** What a note's quick actions did: the changes in the PUT endpoint's terms, and one sentence per command. */
export const commandsView = z.object({ changes: z.record(z.string(), z.unknown()), summary: z.array(z.string()) });

export const createNoteBody = z.object({
  body: z.string().min(1).max(MAX_STORED_TEXT_LENGTH),
  internal: z.boolean().optional().describe('Default false: a public comment'),
  attachment_ids: z
    .array(z.number().int().positive())
    .max(20)
    .optional()
    .describe('Your own unused uploads to this project (POST /projects/:id/uploads): attached to the note, and mailed as files with a public comment'),
});
