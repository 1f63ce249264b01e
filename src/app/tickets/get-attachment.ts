import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import type { AttachmentRow } from '../../db/schema/attachments.ts';
import type { Deps } from '../deps.ts';
import { accessOf } from '../projects/project-access.ts';
import { authorizeTicket } from '../../domain/policy.ts';

/** A file, for whoever may read its ticket; anyone else learns nothing (404). */
export async function getAttachment(deps: Deps, actor: Actor, id: number): Promise<AttachmentRow> {
  const attachment = await deps.db.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!attachment) throw notFound('Attachment');
  const ticket = await deps.db.db.selectFrom('tickets').select(['project_id', 'confidential']).where('id', '=', attachment.ticket_id).executeTakeFirstOrThrow();
  const project = await deps.db.db.selectFrom('projects').selectAll().where('id', '=', ticket.project_id).executeTakeFirstOrThrow();
  try {
    authorizeTicket(actor, 'read_tickets', await accessOf(deps.db.db, actor, project), { confidential: ticket.confidential === 1 });
  } catch {
    throw notFound('Attachment');
  }
  if (attachment.note_id !== null) {
    const note = await deps.db.db.selectFrom('notes').select('internal').where('id', '=', attachment.note_id).executeTakeFirst();
    if (note?.internal === 1) authorizeTicket(actor, 'create_internal_note', await accessOf(deps.db.db, actor, project), { confidential: false });
  }
  return attachment;
}
