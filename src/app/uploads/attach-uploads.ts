// Ties an agent's uploads to the note they wrote, inside the note's transaction. Only the author's own
// uploads in that project that no note uses yet qualify; anything else is refused as invalid (400) so
// that nobody can attach, and so mail out, a file they did not upload. Together they must fit in one
// mail (MAX_MESSAGE_BYTES), since a public comment carries them to every participant.
import { invalid } from '../../domain/errors.ts';
import type { Executor } from '../../db/database.ts';

export const MAX_ATTACHMENTS_PER_NOTE = 20;

export async function attachUploads(
  trx: Executor,
  limits: { maxMessageBytes: number },
  to: { userId: number; projectId: number; ticketId: number; noteId: number },
  attachmentIds: number[],
): Promise<number[]> {
  const ids = [...new Set(attachmentIds)];
  if (ids.length === 0) return [];
  if (ids.length !== attachmentIds.length) throw invalid('attachment_ids', 'must not repeat an id');
  if (ids.length > MAX_ATTACHMENTS_PER_NOTE) throw invalid('attachment_ids', `may name at most ${MAX_ATTACHMENTS_PER_NOTE} files`);
  const rows = await trx
    .selectFrom('attachments')
    .select(['id', 'size'])
    .where('id', 'in', ids)
    .where('uploader_id', '=', to.userId)
    .where('project_id', '=', to.projectId)
    .where('ticket_id', 'is', null)
    .where('note_id', 'is', null)
    .execute();
  if (rows.length !== ids.length) throw invalid('attachment_ids', 'must be your own uploads to this project, not yet attached to a note');
  const total = rows.reduce((sum, r) => sum + r.size, 0);
  if (total > limits.maxMessageBytes)
    throw invalid('attachment_ids', `add up to ${total} bytes; one note carries at most ${limits.maxMessageBytes} (MAX_MESSAGE_BYTES)`);
  // `ticket_id is null` again: of two notes claiming the same upload at once, only one gets it.
  const claimed = await trx
    .updateTable('attachments')
    .set({ ticket_id: to.ticketId, note_id: to.noteId })
    .where('id', 'in', ids)
    .where('ticket_id', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== ids.length) throw invalid('attachment_ids', 'must be your own uploads to this project, not yet attached to a note');
  return ids.sort((a, b) => a - b);
}
