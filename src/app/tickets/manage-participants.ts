// External participants through the API (GET/POST/DELETE …/participants).
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { MAX_PARTICIPANTS_PER_TICKET, normaliseEmail } from '../../domain/participant-rules.ts';
import { emailProblem } from '../../domain/validation.ts';
import { deskDisplayName } from '../../domain/ticket-mail.ts';
import type { Deps } from '../deps.ts';
import { announceTicketChanges } from '../events/announce.ts';
import { addSystemNote } from '../notes/system-note.ts';
import { loadTicketContext } from './load-ticket-context.ts';
import { removeParticipant } from './remove-participant.ts';
import { loadTicketFor } from './ticket-access.ts';
import { addParticipantsToTicket, participantEmails } from './ticket-participants.ts';

export async function listParticipants(deps: Deps, actor: Actor, projectRef: string, iid: number) {
  const { ticket, access } = await loadTicketFor(deps.db.db, actor, projectRef, iid, 'read_tickets');
  return { emails: await participantEmails(deps.db.db, ticket.id), access };
}

export async function addParticipant(deps: Deps, actor: Actor, projectRef: string, iid: number, email: string): Promise<string> {
  const problem = emailProblem(email.trim());
  if (problem) throw invalid('email', problem);
  const now = deps.clock().toISOString();
  return deps.db.transaction(async ({ trx, onCommit }) => {
    const { ticket } = await loadTicketFor(trx, actor, projectRef, iid, 'manage_participants');
    const { ownAddresses, project, settings } = await loadTicketContext(trx, deps, ticket.id);
    const existing = await participantEmails(trx, ticket.id);
    if (existing.some((e) => normaliseEmail(e) === normaliseEmail(email))) throw new DomainError('conflict', 'Already a participant', { email: 'taken' });
    if (existing.length >= MAX_PARTICIPANTS_PER_TICKET)
      throw new DomainError('conflict', `A ticket has at most ${MAX_PARTICIPANTS_PER_TICKET} participants`, { email: 'limit' });
    const author = actor.kind === 'user' ? actor.userId : ticket.author_id;
    const addition = { ticket, project, fromName: deskDisplayName(settings.outgoing_name), ownAddresses, authorId: author, now, fromMail: false };
    const [added] = await addParticipantsToTicket(trx, deps, addition, [email.trim()]);
    if (!added) throw invalid('email', "is one of the service desk's own addresses");
    onCommit(() => deps.jobBell.ring());
    await announceTicketChanges(deps, trx, ticket.id, []);
    return added;
  });
}

export async function deleteParticipant(deps: Deps, actor: Actor, projectRef: string, iid: number, email: string): Promise<void> {
  const now = deps.clock().toISOString();
  await deps.db.transaction(async ({ trx }) => {
    const { ticket } = await loadTicketFor(trx, actor, projectRef, iid, 'manage_participants');
    const removed = await removeParticipant(trx, ticket.id, email, {
      authorId: actor.kind === 'user' ? actor.userId : ticket.author_id,
      why: 'from the participants',
      now,
    });
    if (!removed) throw notFound('Participant');
    await announceTicketChanges(deps, trx, ticket.id, []);
  });
}

/** An agent clears a participant's bounce (the address was fixed, the mailbox is back): they are mailed again. */
export async function clearParticipantBounce(deps: Deps, actor: Actor, projectRef: string, iid: number, email: string): Promise<void> {
  const now = deps.clock().toISOString();
  await deps.db.transaction(async ({ trx }) => {
    const { ticket } = await loadTicketFor(trx, actor, projectRef, iid, 'manage_participants');
    const cleared = await trx
      .updateTable('participants')
      .set({ bouncing_since: null, bounce_reason: null })
      .where('ticket_id', '=', ticket.id)
      .where('email_lower', '=', normaliseEmail(email))
      .where('bouncing_since', 'is not', null)
      .returning('email')
      .executeTakeFirst();
    if (!cleared) throw notFound('Bouncing participant');
    const noteId = await addSystemNote(trx, {
      ticketId: ticket.id,
      body: `cleared the bounce of ${cleared.email}: mail to this address goes out again`,
      internal: true,
      authorId: actor.kind === 'user' ? actor.userId : ticket.author_id,
      now,
    });
    await announceTicketChanges(deps, trx, ticket.id, [noteId]);
  });
}
