import type { NoteDetails } from '../../app/notes/list-notes.ts';
import { maskAddress, maskText, presentAttachment, presentAuthentication, presentMailProvenance, type Viewer } from '../tickets/presenters.ts';

/** A note as `viewer` may see it: customers' addresses masked below reporter (SD-86, SD-88). */
export const presentNote = ({ note, author, attachments, email }: NoteDetails, viewer: Omit<Viewer, 'projectPath'>) => ({
  id: note.id,
  body: maskText(viewer, note.body),
  internal: note.internal === 1,
  system: note.system === 1,
  author,
  external_author: maskAddress(viewer, note.external_author),
  attachments: attachments.map((a) => presentAttachment(a, viewer)),
  email: presentMailProvenance(viewer, email),
  authentication: presentAuthentication(viewer, email?.authentication),
  created_at: note.created_at,
});
