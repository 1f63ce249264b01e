// Who outside the team takes part in a ticket. Everyone brought in — by an agent through the API or
// /add_email, from a mail's Cc, or by a new From on a reply — comes through `addParticipantsToTicket`: the
// same rules, the same system note, the same greeting. Only a ticket's own customer (the requester, or the
// address /convert_to_ticket names) is written by `insertParticipants` alone: they get a thank-you or nothing.
import { normaliseEmail, participantsToAdd, toSentence } from '../../domain/participant-rules.ts';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import { addSystemNote } from '../notes/system-note.ts';
import { queueTicketMail, type TicketMail } from '../outbound/queue-ticket-mail.ts';

export async function participantEmails(executor: Executor, ticketId: number): Promise<string[]> {
  const rows = await executor.selectFrom('participants').select('email').where('ticket_id', '=', ticketId).orderBy('id').execute();
  return rows.map((r) => r.email);
}

/**
 * Inserts those of `candidates` the rules allow (new, not ours, within the limits); returns the ones added.
 * `existing`: the ticket's participants, when the caller knows them (none, on a ticket its transaction just made).
 */
export async function insertParticipants(
  executor: Executor,
  ticketId: number,
  candidates: string[],
  ownAddresses: string[],
  now: string,
  existing?: string[],
): Promise<string[]> {
  const added = participantsToAdd(candidates, existing ?? (await participantEmails(executor, ticketId)), ownAddresses);
  for (const email of added) {
    await executor
      .insertInto('participants')
      .values({ ticket_id: ticketId, email, email_lower: normaliseEmail(email), created_at: now })
      .execute();
  }
  return added;
}

export interface ParticipantAddition {
  ticket: TicketMail['ticket'];
  project: TicketMail['project'];
  /** The desk's display name, for the greeting's From (SD-62). */
  fromName: string;
  ownAddresses: string[];
  /** The agent who added them, or the Support Bot for addresses a mail brought. */
  authorId: number;
  now: string;
  /**
   * The addresses came from a mail (its Cc, a new From), so nobody proved they ever saw it: their greeting
   * quotes none of the writer's words and goes through the instance's relay, never the project's own
   * account. A stranger cannot make the desk carry a message, or write in the project's name, to them.
   */
  fromMail: boolean;
  /** Added but not greeted: the writer of the mail that brought them knows already. */
  quiet?: string[];
}

/**
 * Adds the allowed ones of `candidates`, says so in one system note ("added a and b", GitLab's words) and
 * greets each with new_participant (SD-78), which queueTicketMail may hold back (disabled desk, flood limits).
 * Returns the addresses added.
 */
export async function addParticipantsToTicket(
  trx: Executor,
  deps: Pick<Deps, 'config' | 'clock'>,
  addition: ParticipantAddition,
  candidates: string[],
): Promise<string[]> {
  const { ticket, now } = addition;
  const added = await insertParticipants(trx, ticket.id, candidates, addition.ownAddresses, now);
  if (added.length === 0) return added;
  await addSystemNote(trx, { ticketId: ticket.id, body: `added ${toSentence(added)}`, internal: false, authorId: addition.authorId, now });
  const quiet = new Set((addition.quiet ?? []).map(normaliseEmail));
  for (const to of added.filter((a) => !quiet.has(normaliseEmail(a))))
    await queueTicketMail(trx, deps, {
      kind: 'new_participant',
      to,
      fromName: addition.fromName,
      project: addition.project,
      ticket,
      instanceOnly: addition.fromMail,
      withholdCustomerText: addition.fromMail,
    });
  return added;
}
