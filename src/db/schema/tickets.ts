import type { ColumnType, Generated, Selectable } from 'kysely';

export interface TicketsTable {
  id: Generated<number>;
  project_id: number;
  /** Number within the project (#1, #2 …), from projects.last_ticket_iid. */
  iid: number;
  title: string;
  description: string;
  state: 'opened' | 'closed';
  confidential: number;
  author_id: number;
  /** The customer's address when the ticket came by mail (SD-30), else null. */
  external_author: string | null;
  /** The Message-ID of the mail that opened the ticket (SD-37), so a reply-all to it finds the ticket (SD-55). */
  message_id: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /**
   * The last change, note or mail: never earlier than updated_at or the last note's created_at. Kept by
   * triggers (migration 007), so an insert may leave it out; a row read back always has it.
   */
  last_activity_at: ColumnType<string, string | undefined, string>;
}

export interface TicketLabelsTable {
  ticket_id: number;
  label: string;
}

export interface TicketAssigneesTable {
  ticket_id: number;
  user_id: number;
}

export type TicketRow = Selectable<TicketsTable>;
