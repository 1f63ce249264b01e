import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { Attachment } from '../../../lib/api-types.ts';

/** POST /projects/:id/uploads (multipart, field `file`) → an attachment to send with the next note. */
export function uploadAttachment(projectId: number, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<Attachment>(`/projects/${projectId}/uploads`, { method: 'POST', body: form });
}

export function useUploadAttachment(projectId: number) {
  return useMutation({ mutationFn: (file: File) => uploadAttachment(projectId, file) });
}
