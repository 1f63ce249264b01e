// /add_email, /remove_email and /convert_to_ticket: the quick actions that change who is mailed (SD-77,
// SD-79, SD-85). Addresses nobody can use are skipped and said so, never an error for the whole note:
// the agent's comment still lands (GitLab answers such commands with a message, not a failure).
import { MAX_PARTICIPANTS_PER_OPERATION, MAX_PARTICIPANTS_PER_TICKET, normaliseEmail, toSentence } from '../../domain/participant-rules.ts';
import { isNewTicketConfidential } from '../../domain/ticket-rules.ts';
import { emailProblem } from '../../domain/validation.ts';
import type { Executor } from '../../db/database.ts';
import type { ProjectRow } from '../../db/schema/projects.ts';
import type { TicketRow } from '../../db/schema/tickets.ts';
import type { Deps } from '../deps.ts';
import { removeParticipant } from '../tickets/remove-participant.ts';
import { addParticipantsToTicket, insertParticipants, participantEmails } from '../tickets/ticket-participants.ts';
import { supportBot } from '../users/support-bot.ts';
import { addSystemNote } from './system-note.ts';

export interface ParticipantTarget {
  ticket: TicketRow;
  project: ProjectRow;
  ownAddresses: string[];
  confidentialByDefault: boolean;
  deskEnabled: boolean;
  /** The desk's display name, for the greetings' From (SD-62). */
  fromName: string;
  /** Who ran the actions: the author of their system notes. */
  authorId: number;
  now: string;
}

export async function addEmails(
  trx: Executor,
  deps: Pick<Deps, 'config' | 'clock'>,
  target: ParticipantTarget,
  emails: string[],
): Promise<{ added: string[]; summary: string[] }> {
  const considered = emails.slice(0, MAX_PARTICIPANTS_PER_OPERATION);
  const summary: string[] = [];
  if (emails.length > considered.length)
    summary.push(`Only the first ${MAX_PARTICIPANTS_PER_OPERATION} addresses are used; ignored ${toSentence(emails.slice(considered.length))}.`);
  const invalid = considered.filter((e) => emailProblem(e) !== null);
  if (invalid.length) summary.push(`Skipped ${toSentence(invalid)}: not an email address.`);
  const valid = considered.filter((e) => emailProblem(e) === null);
  const before = await participantEmails(trx, target.ticket.id);
  const added = await addParticipantsToTicket(trx, deps, { ...target, fromMail: false }, valid);
  const addedKeys = new Set(added.map(normaliseEmail));
  const taken = new Set([...before, ...target.ownAddresses].map(normaliseEmail));
  const seen = new Set<string>();
  for (const email of valid) {
    const key = normaliseEmail(email);
    if (addedKeys.has(key)) continue;
    const why = target.ownAddresses.some((a) => normaliseEmail(a) === key)
      ? "the service desk's own address"
      : taken.has(key) || seen.has(key)
        ? 'already a participant'
        : `a ticket has at most ${MAX_PARTICIPANTS_PER_TICKET} participants`;
    summary.push(`Skipped ${email}: ${why}.`);
    seen.add(key);
  }
  if (added.length === 0) {
    summary.unshift('No email participants were added. Either none were provided, or they already exist.');
    return { added, summary };
  }
  summary.unshift(`Added ${toSentence(added)}.`);
  return { added, summary };
}

export async function removeEmails(trx: Executor, target: ParticipantTarget, emails: string[]): Promise<{ removed: string[]; summary: string[] }> {
  const removed: string[] = [];
  for (const email of emails.slice(0, MAX_PARTICIPANTS_PER_OPERATION)) {
    if (await removeParticipant(trx, target.ticket.id, email, { authorId: target.authorId, why: 'from the participants', now: target.now }))
      removed.push(email);
  }
  if (removed.length === 0) return { removed, summary: ["No email participants were removed. Either none were provided, or they don't exist."] };
  return { removed, summary: [`Removed ${toSentence(removed)}.`] };
}

/**
 * SD-85: a ticket opened by an agent gets its customer. The Support Bot becomes the author, the address
 * the external author and a participant; confidentiality follows the project as for a mailed ticket.
 * No thank-you and no other mail: the agent writes the first public comment when ready (SD-109).
 */
export async function convertToTicket(trx: Executor, target: ParticipantTarget, email: string): Promise<{ converted: string | null; summary: string[] }> {
  const { ticket } = target;
  if (!target.deskEnabled) return { converted: null, summary: ['Cannot convert: the service desk of this project is not enabled.'] };
  if (ticket.external_author) return { converted: null, summary: ['Cannot convert: this ticket already has an external author.'] };
  if (!email || emailProblem(email))
    return { converted: null, summary: ['Cannot convert: an email address is needed, as in /convert_to_ticket customer@example.com.'] };
  const bot = await supportBot(trx);
  const opener = await trx.selectFrom('users').select('username').where('id', '=', ticket.author_id).executeTakeFirstOrThrow();
  const confidential = ticket.confidential === 1 || isNewTicketConfidential(target.project.visibility, target.confidentialByDefault);
  await trx
    .updateTable('tickets')
    .set({ external_author: email, author_id: bot.id, confidential: confidential ? 1 : 0, updated_at: target.now })
    .where('id', '=', ticket.id)
    .execute();
  await insertParticipants(trx, ticket.id, [email], target.ownAddresses, target.now);
  await addSystemNote(trx, {
    ticketId: ticket.id,
    body: `converted this ticket for ${email}, first opened by @${opener.username}. No thank-you mail was sent.`,
    internal: true,
    authorId: bot.id,
    now: target.now,
  });
  return { converted: email, summary: [`Converted this ticket for ${email}.`] };
}
