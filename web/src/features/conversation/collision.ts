// The collision guard's rule, kept pure so it can be tested without a browser.
import type { Note } from '../../lib/api-types.ts';

/** The newest note id in the thread (0 when there is none): the baseline when an agent starts writing. */
export const newestId = (notes: Pick<Note, 'id'>[]) => notes.reduce((max, n) => Math.max(max, n.id), 0);

/**
 * What should stop a send: a customer's mail, or a note by anyone else on the team, that arrived after
 * `since`. System notes (label changes…) and the agent's own notes do not.
 */
export function arrivedSince<N extends Pick<Note, 'id' | 'system' | 'external_author' | 'author'>>(notes: N[], since: number, me: number): N[] {
  return notes.filter((n) => n.id > since && !n.system && (n.external_author !== null || n.author.id !== me));
}
