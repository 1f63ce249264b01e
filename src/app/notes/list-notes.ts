import { sql } from 'kysely';
import type { Actor } from '../../domain/actor.ts';
import { decideProject, seesExternalAddresses } from '../../domain/policy.ts';
import type { NoteRow } from '../../db/schema/notes.ts';
import type { Deps } from '../deps.ts';
import { notesProvenance, type MailProvenance } from '../mail-log/mail-provenance.ts';
import { encodeCursor, idPage, type Page, type PageRequest } from '../pagination.ts';
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

/**
 * A page's bodies stop at about this many bytes (it holds at least one note): a conversation of long notes
 * (each up to MAX_STORED_TEXT_LENGTH) comes in more pages, not as one answer of hundreds of megabytes whose
 * reading and serialising would hold the event loop. `per_page` is a most, as in every list.
 */
export const NOTES_PAGE_BYTES = 4 * 1024 * 1024;

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
  let query = deps.db.db.selectFrom('notes').where('ticket_id', '=', ticket.id).where('id', '>', page.after);
  if (decideProject(actor, 'read_internal_notes', access) !== 'allowed') query = query.where('internal', '=', 0);
  // Sizes first (octet_length reads no body on either database), then the bodies of the notes that fit.
  const sizes = await query
    .select(['id', sql<number>`octet_length(body)`.as('bytes')])
    .orderBy('id')
    .limit(page.perPage + 1)
    .execute();
  const taken = sizes.slice(0, notesThatFit(sizes.slice(0, page.perPage), NOTES_PAGE_BYTES)).map((n) => n.id);
  const notes = taken.length ? await deps.db.db.selectFrom('notes').selectAll().where('id', 'in', taken).orderBy('id').execute() : [];
  const nextCursor = sizes.length > taken.length ? encodeCursor({ id: taken.at(-1)! }) : null;
  return { items: await noteDetails(deps, notes), nextCursor, seesAddresses };
}

/** How many notes of these sizes, in order, one page holds: those within the budget, and at least one. */
function notesThatFit(sizes: Array<{ bytes: number }>, budget: number): number {
  let total = 0;
  let count = 0;
  for (const { bytes } of sizes) {
    total += Number(bytes);
    if (count > 0 && total > budget) break;
    count++;
  }
  return count;
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
