import type { Generated, Selectable } from 'kysely';

/** Files from mail, kept in the database so every node can serve them without a shared disk. */
export interface AttachmentsTable {
  id: Generated<number>;
  ticket_id: number;
  note_id: number | null;
  filename: string;
  content_type: string;
  size: number;
  content: Buffer;
  created_at: string;
}

export type AttachmentRow = Selectable<AttachmentsTable>;
