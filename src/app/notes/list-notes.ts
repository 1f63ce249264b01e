import type { Actor } from '../../domain/actor.ts';
import { decideProject, seesExternalAddresses } from '../../domain/policy.ts';
import type { NoteRow } from '../../db/schema/notes.ts';
import type { Deps } from '../deps.ts';
import { notesProvenance, type MailProvenance } from '../mail-log/mail-provenance.ts';
import { idPage, type Page, type PageRequest } from '../pagination.ts';
import { loadTicketFor } from '../tickets/ticket-access.ts';
import type { AttachmentRef, UserRef } from '../tickets/ticket-details.ts';

export interface NoteDetails {
  note: NoteRow;
  author: UserRef;
  attachments: AttachmentRef[];
  /** The received mail the note was made from, or null. */
  email: MailProvenance | null;
}

/**
 * A conversation is read whole (the ticket screen asks for all of it), so its pages may hold twice the usual
 * 100: a 200-note thread comes in one request instead of two made one after the other. Clients written for
 * GitLab's API never ask for more than 100 and see no difference.
 */
export const MAX_NOTES_PER_PAGE = 200;

/** Oldest first. Internal notes only for reporters and up. */
export async function listNotes(
  deps: Deps,
  actor: Actor,
  projectRef: string,
  iid: number,
  request: PageRequest,
): Promise<Page<NoteDetails> & { seesAddresses: boolean }> {
  const { ticket, access } = await loadTicketFor(deps.db.db, actor, projectRef, iid, 'read_tickets');
  const page = idPage(request, MAX_NOTES_PER_PAGE);
  const seesAddresses = seesExternalAddresses(actor, access);
  let query = deps.db.db.selectFrom('notes').selectAll().where('ticket_id', '=', ticket.id).where('id', '>', page.after);
  if (decideProject(actor, 'read_internal_notes', access) !== 'allowed') query = query.where('internal', '=', 0);
  const { items, nextCursor } = page.finish(
    await query
      .orderBy('id')
      .limit(page.perPage + 1)
      .execute(),
  );
  return { items: await noteDetails(deps, items), nextCursor, seesAddresses };
}

export async function noteDetails(deps: Deps, notes: NoteRow[]): Promise<NoteDetails[]> {
  if (notes.length === 0) return [];
  const ids = notes.map((n) => n.id);
  const [authors, attachments, provenance] = await Promise.all([
    deps.db.db
      .selectFrom('users')
      .select(['id', 'username', 'name'])
      .where('id', 'in', [...new Set(notes.map((n) => n.author_id))])
      .execute(),
    deps.db.db.selectFrom('attachments').select(['id', 'note_id', 'filename', 'content_type', 'size']).where('note_id', 'in', ids).orderBy('id').execute(),
    notesProvenance(deps.db.db, ids),
  ]);
  return notes.map((note) => ({
    note,
    author: authors.find((a) => a.id === note.author_id)!,
    attachments: attachments.filter((a) => a.note_id === note.id).map(({ id, filename, content_type, size }) => ({ id, filename, content_type, size })),
    email: provenance.get(note.id) ?? null,
  }));
}
