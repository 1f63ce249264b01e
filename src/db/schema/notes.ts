import type { Generated, Selectable } from 'kysely';

export interface NotesTable {
  id: Generated<number>;
  ticket_id: number;
  body: string;
  /** 1: an internal note, never mailed (SD-59). */
  internal: number;
  /** 1: a system note (what changed), written by Postdesk itself. */
  system: number;
  author_id: number;
  external_author: string | null;
  inbound_message_id: number | null;
  created_at: string;
}

export type NoteRow = Selectable<NotesTable>;
