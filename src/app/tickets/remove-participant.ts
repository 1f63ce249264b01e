import { normaliseEmail } from '../../domain/participant-rules.ts';
import { addSystemNote } from '../notes/system-note.ts';
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
  await addSystemNote(trx, { ticketId, body: `removed ${email} ${note.why}`, internal: false, authorId: note.authorId, now: note.now });
  return true;
}
