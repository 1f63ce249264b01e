import { normaliseEmail } from '../../domain/participant-rules.ts';
import type { Executor } from '../../db/database.ts';

/** Removes an external participant and leaves a system note; false when they were not on the ticket. */
export async function removeParticipant(
  trx: Executor,
  ticketId: number,
  email: string,
  note: { authorId: number; why: string; now: string },
): Promise<boolean> {
  const removed = await trx.deleteFrom('participants').where('ticket_id', '=', ticketId).where('email_lower', '=', normaliseEmail(email)).executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) return false;
  await trx
    .insertInto('notes')
    .values({
      ticket_id: ticketId,
      body: `removed ${email} ${note.why}`,
      internal: 0,
      system: 1,
      author_id: note.authorId,
      external_author: null,
      inbound_message_id: null,
      created_at: note.now,
    })
    .execute();
  return true;
}
