// An agent uploads a file before writing the note it goes with (the composer's attachments). The file is
// stored as an attachment of no ticket yet, marked with its uploader and project, so that only they can
// attach it (attach-uploads.ts) or read it back meanwhile. An upload never used stays harmless: nobody
// else can reach it and it is mailed nowhere.
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { writePieces } from '../../db/pieces.ts';
import type { Deps } from '../deps.ts';
import { loadProjectFor } from '../projects/project-access.ts';
import type { AttachmentRef } from '../tickets/ticket-details.ts';

export interface UploadInput {
  filename: string;
  contentType: string;
  content: Buffer;
}

export async function uploadAttachment(deps: Deps, actor: Actor, projectRef: string, file: UploadInput): Promise<AttachmentRef> {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'Files are uploaded by users');
  if (file.content.length === 0) throw invalid('file', 'must not be empty');
  // Whoever may comment may attach a file to the comment.
  const { project } = await loadProjectFor(deps.db.db, actor, projectRef, 'create_note');
  return deps.db.transaction(async ({ trx }) => {
    const row = await trx
      .insertInto('attachments')
      .values({
        ticket_id: null,
        note_id: null,
        project_id: project.id,
        uploader_id: actor.userId,
        filename: file.filename,
        content_type: file.contentType,
        size: file.content.length,
        created_at: deps.clock().toISOString(),
      })
      .returning(['id', 'filename', 'content_type', 'size'])
      .executeTakeFirstOrThrow();
    await writePieces(trx, 'attachment', row.id, file.content);
    return row;
  });
}
