// SD-81, SD-82: taking the holder of a reply key off its ticket, whichever way they asked (the mailto
// address or the one-click link). No permission check: the unguessable key is the authority. The
// Support Bot writes the system note, as in GitLab.
import type { Executor } from '../../db/database.ts';
import { supportBot } from '../users/support-bot.ts';
import { removeParticipant } from './remove-participant.ts';

export type UnsubscribeChannel = 'by email' | 'through the link';

/** False when the recipient had already left the ticket: a repeated request changes nothing. */
export async function unsubscribeRecipient(trx: Executor, ticketId: number, email: string, channel: UnsubscribeChannel, now: string): Promise<boolean> {
  const bot = await supportBot(trx);
  return removeParticipant(trx, ticketId, email, { authorId: bot.id, why: `(unsubscribed ${channel})`, now });
}
