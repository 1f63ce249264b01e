import { z } from 'zod';
import type { UploadedFile } from '../multipart.ts';

/** The multipart/form-data body: one file in the field `file`. */
export const uploadBody = z.object({
  file: z
    .custom<UploadedFile>((value) => typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).content), {
      message: 'must be a file (a part with a filename)',
    })
    .meta({ type: 'string', format: 'binary', description: 'The file; its name and Content-Type are kept' }),
});
