// A system note: something a person or the desk did to a ticket, told in its timeline ("closed",
// "added a@example.com", "mail to … bounced"). The one place they are written, so every one has the same
// shape: no external author, no inbound message, and visible to the team only when `internal`.
import type { Executor } from '../../db/database.ts';

export interface SystemNote {
  ticketId: number;
  body: string;
  /** Who did it: the agent, or the Support Bot for what the desk did by itself. */
  authorId: number;
  /** Internal notes are for the team (reporter and up); the others show to everyone who sees the ticket. */
  internal: boolean;
  now: string;
}

/** Writes the note inside the caller's transaction and returns its id (to announce it). */
export async function addSystemNote(trx: Executor, note: SystemNote): Promise<number> {
  const row = await trx
    .insertInto('notes')
    .values({
      ticket_id: note.ticketId,
      body: note.body,
      internal: note.internal ? 1 : 0,
      system: 1,
      author_id: note.authorId,
      external_author: null,
      inbound_message_id: null,
      created_at: note.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
