// A public comment goes to every external participant, one message each (SD-58), except the one who
// wrote it (SD-60). Internal and system notes never reach this function (SD-59).
import { normaliseEmail } from '../../domain/participant-rules.ts';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import { queueTicketMail, type TicketMail } from '../outbound/queue-ticket-mail.ts';
import { participantEmails } from '../tickets/ticket-participants.ts';

export interface NoteToMail {
  project: TicketMail['project'];
  ticket: TicketMail['ticket'];
  /** Kept for callers; the mail's %{ISSUE_URL} is made where the mail is queued. */
  ticketUrl: string;
  noteId: number;
  body: string;
  /** The From display name (SD-62). */
  authorName: string;
  /** Who is not mailed: the external author (their own words, SD-60) and whoever the mail already reached. */
  exclude: string[];
  /** Files the mail carries as MIME attachments (an agent's uploads). */
  attachmentIds?: number[];
}

export async function mailNoteToParticipants(trx: Executor, deps: Pick<Deps, 'config' | 'clock'>, note: NoteToMail): Promise<number> {
  const skip = new Set(note.exclude.map(normaliseEmail));
  let queued = 0;
  for (const email of await participantEmails(trx, note.ticket.id)) {
    if (skip.has(normaliseEmail(email))) continue;
    await queueTicketMail(trx, deps, {
      kind: 'new_note',
      to: email,
      fromName: note.authorName,
      noteText: note.body,
      project: note.project,
      ticket: note.ticket,
      noteId: note.noteId,
      attachmentIds: note.attachmentIds,
    });
    queued++;
  }
  return queued;
}
