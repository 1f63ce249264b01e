import type { Note } from '../../../lib/api-types.ts';

export type MessageKind = 'email' | 'comment' | 'internal' | 'system';

/** What a thread message is, as the agent must see it at a glance. */
export function messageKind(note: Pick<Note, 'system' | 'internal' | 'external_author'>): MessageKind {
  if (note.system) return 'system';
  if (note.internal) return 'internal';
  if (note.external_author) return 'email';
  return 'comment';
}

export function messageAuthor(note: Pick<Note, 'system' | 'internal' | 'external_author' | 'author'>): string {
  const kind = messageKind(note);
  if (kind === 'email') return `Email from ${note.external_author}`;
  if (kind === 'internal') return `Internal note by ${note.author.name}`;
  if (kind === 'system') return 'System note';
  return `Comment by ${note.author.name}`;
}
