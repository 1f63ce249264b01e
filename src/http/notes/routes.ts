import { z } from 'zod';
import { addNote } from '../../app/notes/add-note.ts';
import { listNotes, noteDetails, type NoteDetails } from '../../app/notes/list-notes.ts';
import { userRefView, pageQuery } from '../common-schemas.ts';
import { defineRoute } from '../route.ts';
import { maskAddress, maskText, presentAttachment, type Viewer } from '../tickets/presenters.ts';
import { attachmentView, ticketParams } from '../tickets/schemas.ts';

const noteView = z.object({
  id: z.number(),
  body: z.string(),
  internal: z.boolean(),
  system: z.boolean(),
  author: userRefView,
  external_author: z.string().nullable(),
  attachments: z.array(attachmentView),
  created_at: z.string(),
});

/** What a note's quick actions did: the changes in the PUT endpoint's terms, and one sentence per command. */
const commandsView = z.object({ changes: z.record(z.string(), z.unknown()), summary: z.array(z.string()) });

const presentNote = ({ note, author, attachments }: NoteDetails, viewer: Omit<Viewer, 'projectPath'>) => ({
  id: note.id,
  body: maskText({ ...viewer, projectPath: '' }, note.body),
  internal: note.internal === 1,
  system: note.system === 1,
  author,
  external_author: maskAddress({ ...viewer, projectPath: '' }, note.external_author),
  attachments: attachments.map((a) => presentAttachment(a, viewer.publicUrl)),
  created_at: note.created_at,
});

export const noteRoutes = [
  defineRoute({
    method: 'GET',
    path: '/projects/:id/tickets/:iid/notes',
    auth: 'token',
    tag: 'notes',
    summary: 'The conversation, oldest first (internal notes from reporter up)',
    params: ticketParams,
    query: pageQuery,
    status: 200,
    list: true,
    response: noteView,
    async handler({ ctx, auth, params, query }) {
      const page = await listNotes(ctx, auth.actor, params.id, params.iid, { perPage: query.per_page, cursor: query.cursor });
      return {
        items: page.items.map((n) => presentNote(n, { publicUrl: ctx.config.publicUrl, seesAddresses: page.seesAddresses })),
        nextCursor: page.nextCursor,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/projects/:id/tickets/:iid/notes',
    auth: 'token',
    tag: 'notes',
    summary:
      'Add a note: a public comment (mailed to the external participants) unless internal is true. Quick actions on lines of their own ' +
      '(/close, /reopen, /label, /unlabel, /assign, /unassign, /confidential, /add_email, /remove_email, /convert_to_ticket) run first and leave the text; ' +
      'commands the caller may not run are removed and ignored. 201 with the note and `commands` (null without quick actions); ' +
      'a note made only of quick actions stores nothing and answers 200 with `{ "note": null, "commands": { "changes", "summary" } }`',
    params: ticketParams,
    body: z.object({ body: z.string().min(1).max(1_000_000), internal: z.boolean().optional().describe('Default false: a public comment') }),
    status: 201,
    response: noteView.extend({ commands: commandsView.nullable() }),
    async handler({ ctx, auth, params, body, reply }) {
      const { note, commands } = await addNote(ctx, auth.actor, params.id, params.iid, body);
      if (!note) return reply.code(200).send({ note: null, commands });
      const [details] = await noteDetails(ctx, [note]);
      return { ...presentNote(details!, { publicUrl: ctx.config.publicUrl, seesAddresses: true }), commands };
    },
  }),
];
