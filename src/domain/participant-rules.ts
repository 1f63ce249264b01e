// Who takes part in a ticket from outside the team, and how many (SD-47, SD-76, SD-80).
import { isMailboxAddress } from './mailbox-address.ts';

/** SD-76: a ticket holds at most this many external participants. */
export const MAX_PARTICIPANTS_PER_TICKET = 10;
/** SD-47/SD-77: at most this many addresses are considered per operation (one mail's Cc, one quick action). */
export const MAX_PARTICIPANTS_PER_OPERATION = 6;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Which of `candidates` to add: ordinary mailbox addresses (no IP literal, quoting or source routing: a
 * participant is someone Postdesk mails), new ones only (case-insensitive), none of the project's own addresses,
 * at most MAX_PARTICIPANTS_PER_OPERATION looked at, and never beyond the ticket's limit.
 */
export function participantsToAdd(candidates: string[], existing: string[], ownAddresses: string[]): string[] {
  const taken = new Set([...existing, ...ownAddresses].map(normaliseEmail));
  const room = Math.max(0, MAX_PARTICIPANTS_PER_TICKET - existing.length);
  const added: string[] = [];
  for (const candidate of candidates.slice(0, MAX_PARTICIPANTS_PER_OPERATION)) {
    const key = normaliseEmail(candidate);
    if (!isMailboxAddress(candidate.trim()) || taken.has(key) || added.length >= room) continue;
    taken.add(key);
    added.push(candidate.trim());
  }
  return added;
}

/** "a", "a and b", "a, b and c": how notes and answers name several addresses (GitLab's `to_sentence`). */
export const toSentence = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
