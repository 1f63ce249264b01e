import { normaliseEmail, participantsToAdd } from '../../domain/participant-rules.ts';
import type { Executor } from '../../db/database.ts';

export async function participantEmails(executor: Executor, ticketId: number): Promise<string[]> {
  const rows = await executor.selectFrom('participants').select('email').where('ticket_id', '=', ticketId).orderBy('id').execute();
  return rows.map((r) => r.email);
}

/** Adds those of `candidates` the rules allow (new, not ours, within the limits); returns the ones added. */
export async function addParticipants(executor: Executor, ticketId: number, candidates: string[], ownAddresses: string[], now: string): Promise<string[]> {
  const added = participantsToAdd(candidates, await participantEmails(executor, ticketId), ownAddresses);
  for (const email of added) {
    await executor
      .insertInto('participants')
      .values({ ticket_id: ticketId, email, email_lower: normaliseEmail(email), created_at: now })
      .execute();
  }
  return added;
}
