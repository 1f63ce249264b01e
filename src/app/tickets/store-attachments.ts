// Files that came with a mail: stored in the database, then linked at the end of the text (SD-51),
// and inline images (`cid:` in the HTML) pointed at their stored copy.
import type { Executor } from '../../db/database.ts';
import { type Bytes, lengthOf, writePieces } from '../../db/pieces.ts';

export interface IncomingFile {
  filename: string;
  contentType: string;
  /** One Buffer, or pieces in order (a large file from the parsing worker). */
  content: Bytes;
  contentId: string | null;
  inline: boolean;
}

export const attachmentUrl = (publicUrl: string, id: number) => `${publicUrl}/api/v1/attachments/${id}`;

const isImage = (contentType: string) => /^image\/(png|jpe?g|gif|webp)$/.test(contentType);

/** Stores the files and returns `body` with inline images resolved and the other files linked below it. */
export async function storeAttachments(
  executor: Executor,
  where: { ticketId: number; noteId: number | null; publicUrl: string; now: string },
  body: string,
  files: IncomingFile[],
): Promise<string> {
  let text = body;
  const links: string[] = [];
  for (const file of files) {
    const row = await executor
      .insertInto('attachments')
      .values({
        ticket_id: where.ticketId,
        note_id: where.noteId,
        filename: file.filename,
        content_type: file.contentType,
        size: lengthOf(file.content),
        created_at: where.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writePieces(executor, 'attachment', row.id, file.content);
    const url = attachmentUrl(where.publicUrl, row.id);
    const cid = file.contentId ? `cid:${file.contentId}` : null;
    if (cid && text.includes(cid)) {
      text = text.split(cid).join(url);
      continue;
    }
    const label = file.filename.replace(/[[\]]/g, '');
    links.push(isImage(file.contentType) ? `![${label}](${url})` : `[${label}](${url})`);
  }
  return links.length ? `${text.trimEnd()}\n\n${links.join('\n\n')}`.trim() : text;
}
