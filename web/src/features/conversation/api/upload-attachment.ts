import { useMutation } from '@tanstack/react-query';
import { api, projectApiPath } from '../../../lib/api-client.ts';
import type { Attachment } from '../../../lib/api-types.ts';

/** POST /projects/:id/uploads (multipart, field `file`) → an attachment to send with the next note. */
export function uploadAttachment(project: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<Attachment>(`${projectApiPath(project)}/uploads`, { method: 'POST', body: form });
}

export function useUploadAttachment(project: string) {
  return useMutation({ mutationFn: (file: File) => uploadAttachment(project, file) });
}
