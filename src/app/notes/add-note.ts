// An agent's note on a ticket. A public comment (the default) is mailed to every external participant
// in the same transaction (SD-58); an internal note never leaves the team (SD-59).
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { personDisplayName } from '../../domain/ticket-mail.ts';
import type { NoteRow } from '../../db/schema/notes.ts';
import type { Deps } from '../deps.ts';
import { ticketWebUrl } from '../tickets/load-ticket-context.ts';
import { loadTicketFor } from '../tickets/ticket-access.ts';
import { getUserById } from '../users/find-user.ts';
import { mailNoteToParticipants } from './mail-note-to-participants.ts';

export async function addNote(deps: Deps, actor: Actor, projectRef: string, iid: number, input: { body: string; internal?: boolean }): Promise<NoteRow> {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'Notes are written by users');
  const body = input.body.replace(/[ \t]+$/gm, '').trim();
  if (!body) throw invalid('body', 'must not be blank');
  const internal = input.internal ?? false;
  const now = deps.clock().toISOString();
  return deps.db.transaction(async ({ trx, onCommit }) => {
    const { project, ticket } = await loadTicketFor(trx, actor, projectRef, iid, internal ? 'create_internal_note' : 'create_note');
    const author = await getUserById(trx, actor.userId);
    const note = await trx
      .insertInto('notes')
      .values({ ticket_id: ticket.id, body, internal: internal ? 1 : 0, system: 0, author_id: author.id, external_author: null, inbound_message_id: null, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('tickets').set({ updated_at: now }).where('id', '=', ticket.id).execute();
    const desk = await trx.selectFrom('service_desk_settings').select('enabled').where('project_id', '=', project.id).executeTakeFirstOrThrow();
    // SD-61: a disabled service desk mails nobody.
    if (!internal && desk.enabled === 1) {
      await mailNoteToParticipants(trx, deps, {
        project,
        ticket,
        ticketUrl: ticketWebUrl(deps.config.publicUrl, project.path, ticket.iid),
        noteId: note.id,
        body,
        authorName: personDisplayName(author.name, author.username),
        exclude: [],
      });
      onCommit(() => deps.jobBell.ring());
    }
    return note;
  });
}
