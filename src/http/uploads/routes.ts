import { uploadAttachment } from '../../app/uploads/upload-attachment.ts';
import { projectParams } from '../common-schemas.ts';
import { defineRoute } from '../route.ts';
import { presentAttachment } from '../tickets/presenters.ts';
import { attachmentView } from '../tickets/schemas.ts';
import { uploadBody } from './schemas.ts';

export const uploadRoutes = [
  defineRoute({
    method: 'POST',
    path: '/projects/:id/uploads',
    auth: 'token',
    tag: 'notes',
    summary:
      'Upload a file for a note you are about to write (multipart/form-data, field `file`, up to MAX_MESSAGE_BYTES): ' +
      'pass its id in the note’s attachment_ids. Until then only you can read it',
    params: projectParams,
    bodyType: 'multipart',
    body: uploadBody,
    status: 201,
    response: attachmentView,
    async handler({ ctx, auth, params, body }) {
      const attachment = await uploadAttachment(ctx, auth.actor, params.id, body.file);
      // The uploader's own file, named as they named it.
      return presentAttachment(attachment, { publicUrl: ctx.config.publicUrl, seesAddresses: true });
    },
  }),
];
