// An agent's note on a ticket. Its quick actions (`/close`, `/add_email …`) run first, in the same
// transaction, and leave the stored text. A public comment (the default) is then mailed to every external
// participant (SD-58), except those its own /add_email just added: they were greeted with new_participant
// (SD-78). An internal note never leaves the team (SD-59). A note made only of quick actions stores no
// comment and mails nothing: its changes speak through their system notes.
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { seesExternalAddresses } from '../../domain/policy.ts';
import { parseQuickActions } from '../../domain/quick-actions.ts';
import { mentionedUsernames } from '../../domain/team-notifications.ts';
import { personDisplayName } from '../../domain/ticket-mail.ts';
import type { Executor } from '../../db/database.ts';
import type { NoteRow } from '../../db/schema/notes.ts';
import type { Deps } from '../deps.ts';
import { announceNotes, announceTicketChanges } from '../events/announce.ts';
import { notifyTeam } from '../notifications/notify-team.ts';
import type { TicketMail } from '../outbound/queue-ticket-mail.ts';
import { attachUploads } from '../uploads/attach-uploads.ts';
import { ticketWebUrl } from '../tickets/load-ticket-context.ts';
import { recordTicketRead } from '../tickets/mark-ticket-read.ts';
import { loadTicketFor } from '../tickets/ticket-access.ts';
import { getUserById } from '../users/find-user.ts';
import { applyQuickActions, type QuickActionResult } from './apply-quick-actions.ts';
import { mailNoteToParticipants } from './mail-note-to-participants.ts';

export interface AddedNote {
  /** Null when the note was only quick actions. */
  note: NoteRow | null;
  /** Null when the note had no quick actions. */
  commands: Pick<QuickActionResult, 'changes' | 'summary'> | null;
  /** SD-86: whether the author sees customers' addresses in clear (reporter and up), for presenting the note. */
  seesAddresses: boolean;
}

export interface NoteInput {
  body: string;
  internal?: boolean;
  /** The author's own uploads to this project (uploads/upload-attachment.ts), attached to the note and mailed with a public one. */
  attachmentIds?: number[];
}

export async function addNote(deps: Deps, actor: Actor, projectRef: string, iid: number, input: NoteInput): Promise<AddedNote> {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'Notes are written by users');
  return deps.db.transaction(({ trx, onCommit }) => writeNote(trx, onCommit, deps, actor, projectRef, iid, input));
}

/** The note and all it causes, inside the caller's transaction (an agent's reply by mail comes here too). */
export async function writeNote(
  trx: Executor,
  onCommit: (hook: () => void) => void,
  deps: Deps,
  actor: Extract<Actor, { kind: 'user' }>,
  projectRef: string,
  iid: number,
  input: NoteInput,
): Promise<AddedNote> {
  const { actions, text } = parseQuickActions(input.body);
  const body = text.replace(/[ \t]+$/gm, '').trim();
  if (!body && actions.length === 0) throw invalid('body', 'must not be blank');
  if (!body && input.attachmentIds?.length) throw invalid('attachment_ids', 'need a note with text to go with (this one is only quick actions)');
  const internal = input.internal ?? false;
  const now = deps.clock().toISOString();
  const { project, ticket, access } = await loadTicketFor(trx, actor, projectRef, iid, internal ? 'create_internal_note' : 'create_note');
  const author = await getUserById(trx, actor.userId);
  const note = body
    ? await trx
        .insertInto('notes')
        .values({
          ticket_id: ticket.id,
          body,
          internal: internal ? 1 : 0,
          system: 0,
          author_id: author.id,
          external_author: null,
          inbound_message_id: null,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
    : null;
  const attachmentIds = note
    ? await attachUploads(trx, deps.config, { userId: author.id, projectId: project.id, ticketId: ticket.id, noteId: note.id }, input.attachmentIds ?? [])
    : [];
  await trx.updateTable('tickets').set({ updated_at: now }).where('id', '=', ticket.id).execute();
  await recordTicketRead(trx, author.id, ticket.id, now); // one's own note leaves the ticket read
  const commands = actions.length ? await applyQuickActions(trx, deps, { ticket, actor, access, authorId: author.id, now }, actions) : null;
  if (note) await notifyMentioned(trx, deps, { project, ticket: commands?.ticket ?? ticket, note, author });
  onCommit(() => deps.jobBell.ring());
  await (commands ? announceTicketChanges(deps, trx, ticket.id, [note?.id, ...commands.noteIds]) : announceNotes(deps, trx, [note?.id]));
  const done = { note, commands: commands && { changes: commands.changes, summary: commands.summary }, seesAddresses: seesExternalAddresses(actor, access) };
  const mailTicket = commands?.ticket ?? ticket;
  if (note && !internal) {
    await mailNoteToParticipants(trx, deps, {
      project,
      ticket: mailTicket,
      ticketUrl: ticketWebUrl(deps.config.publicUrl, project.path, ticket.iid),
      noteId: note.id,
      body,
      authorName: personDisplayName(author.name, author.username),
      attachmentIds,
      exclude: [...(commands?.newParticipants ?? []), ...(commands?.converted ? [commands.converted] : [])],
    });
  }
  return done;
}

/** Members @mentioned in a note hear of it (an internal note only reaches those who may read it). */
async function notifyMentioned(
  trx: Executor,
  deps: Deps,
  about: {
    project: TicketMail['project'];
    ticket: TicketMail['ticket'] & { confidential: number };
    note: { id: number; body: string; internal: number };
    author: { id: number; name: string; username: string };
  },
) {
  const usernames = mentionedUsernames(about.note.body);
  if (usernames.length === 0) return;
  const users = await trx.selectFrom('users').select('id').where('username_lower', 'in', usernames).execute();
  await notifyTeam(trx, deps, {
    kind: 'team_mention',
    project: about.project,
    ticket: about.ticket,
    who: personDisplayName(about.author.name, about.author.username),
    body: about.note.body,
    internal: about.note.internal === 1,
    noteId: about.note.id,
    userIds: users.map((u) => u.id),
    actorId: about.author.id,
  });
}
