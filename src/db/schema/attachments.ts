import type { Generated, Selectable } from 'kysely';

/**
 * Files from mail and files agents upload, kept in the database so every node can serve them without a
 * shared disk; their bytes are in `attachment_pieces`. An upload has no ticket until the note it is attached to is written.
 */
export interface AttachmentsTable {
  id: Generated<number>;
  /** Null for an agent's upload not yet attached to a note. */
  ticket_id: number | null;
  note_id: number | null;
  filename: string;
  content_type: string;
  size: number;
  created_at: string;
  /** Set on an agent's upload (with `uploader_id`): the project it may be used in. Null for mail's files. */
  project_id: Generated<number | null>;
  uploader_id: Generated<number | null>;
}

/** A file's bytes in pieces of at most 1 MiB (db/pieces.ts, migration 020). */
export interface AttachmentPiecesTable {
  attachment_id: number;
  seq: number;
  bytes: Buffer;
}

export type AttachmentRow = Selectable<AttachmentsTable>;
