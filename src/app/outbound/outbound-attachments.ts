// The files an outgoing mail carries, as its row names them (attachment_ids, decided when it was queued).
import type { Executor } from '../../db/database.ts';
import { readBytes } from '../../db/pieces.ts';
import type { OutboundMessageRow } from '../../db/schema/outbound-messages.ts';

export interface OutgoingFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export async function outboundAttachments(executor: Executor, row: Pick<OutboundMessageRow, 'attachment_ids'>): Promise<OutgoingFile[]> {
  const ids = row.attachment_ids ? (JSON.parse(row.attachment_ids) as number[]) : [];
  if (ids.length === 0) return [];
  const files = await executor.selectFrom('attachments').select(['id', 'filename', 'content_type']).where('id', 'in', ids).orderBy('id').execute();
  return Promise.all(files.map(async (f) => ({ filename: f.filename, contentType: f.content_type, content: await readBytes(executor, 'attachment', f.id) })));
}
