import type { Actor } from '../../domain/actor.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { AttachmentRow } from '../../db/schema/attachments.ts';
import type { Deps } from '../deps.ts';
import { accessOf } from '../projects/project-access.ts';
import { authorizeTicket, seesExternalAddresses } from '../../domain/policy.ts';
import { obfuscateEmailsInText } from '../../domain/obfuscate-email.ts';

/**
 * A file, for whoever may read its ticket (an upload not yet attached: its uploader only); anyone else
 * learns nothing (404). Below reporter its name comes with customers' addresses masked (SD-86), as in the API.
 */
export async function getAttachment(deps: Deps, actor: Actor, id: number): Promise<AttachmentRow> {
  const attachment = await deps.db.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!attachment) throw notFound('Attachment');
  if (attachment.ticket_id === null) {
    if (actor.kind === 'user' && actor.userId === attachment.uploader_id) return attachment;
    throw notFound('Attachment');
  }
  const ticket = await deps.db.db
    .selectFrom('tickets')
    .select(['project_id', 'confidential', 'author_id'])
    .where('id', '=', attachment.ticket_id)
    .executeTakeFirstOrThrow();
  const project = await deps.db.db.selectFrom('projects').selectAll().where('id', '=', ticket.project_id).executeTakeFirstOrThrow();
  const access = await accessOf(deps.db.db, actor, project);
  const note =
    attachment.note_id === null ? undefined : await deps.db.db.selectFrom('notes').select('internal').where('id', '=', attachment.note_id).executeTakeFirst();
  try {
    authorizeTicket(actor, 'read_tickets', access, { confidential: ticket.confidential === 1, authorId: ticket.author_id });
    // A file of an internal note is as invisible as the note itself: 404, never 403 (which would tell it exists).
    if (note?.internal === 1) authorizeTicket(actor, 'read_internal_notes', access, { confidential: false });
  } catch (error) {
    if (error instanceof DomainError) throw notFound('Attachment');
    throw error;
  }
  return seesExternalAddresses(actor, access) ? attachment : { ...attachment, filename: obfuscateEmailsInText(attachment.filename) };
}
