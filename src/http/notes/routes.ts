import { addNote } from '../../app/notes/add-note.ts';
import { listNotes, noteDetails } from '../../app/notes/list-notes.ts';
import { defineRoute } from '../route.ts';
import { ticketParams } from '../tickets/schemas.ts';
import { presentNote } from './presenters.ts';
import { commandsView, createNoteBody, notesPageQuery, noteView } from './schemas.ts';

export const noteRoutes = [
  defineRoute({
    method: 'GET',
    path: '/projects/:id/tickets/:iid/notes',
    auth: 'token',
    tag: 'notes',
    summary: 'The conversation, oldest first (internal notes from reporter up)',
    params: ticketParams,
    query: notesPageQuery,
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
    body: createNoteBody,
    status: 201,
    response: noteView.extend({ commands: commandsView.nullable() }),
    async handler({ ctx, auth, params, body, reply }) {
      const { note, commands, seesAddresses } = await addNote(ctx, auth.actor, params.id, params.iid, {
        body: body.body,
        internal: body.internal,
        attachmentIds: body.attachment_ids,
      });
      if (!note) return reply.code(200).send({ note: null, commands });
      const [details] = await noteDetails(ctx, [note]);
      return { ...presentNote(details!, { publicUrl: ctx.config.publicUrl, seesAddresses }), commands };
    },
  }),
];
