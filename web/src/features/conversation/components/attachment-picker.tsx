import { useId } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import type { Attachment } from '../../../lib/api-types.ts';
import { useUploadAttachment } from '../api/upload-attachment.ts';
import { PaperclipIcon } from '../../../components/icons.tsx';

type Props = { project: string; attachments: Attachment[]; onChange: (attachments: Attachment[]) => void };

/** Files to send with the next note: uploaded at once, sent as `attachment_ids`. */
export function AttachmentPicker({ project, attachments, onChange }: Props) {
  const upload = useUploadAttachment(project);
  const id = useId();
  const add = async (files: FileList | null) => {
    const added: Attachment[] = [];
    for (const file of [...(files ?? [])]) {
      try {
        added.push(await upload.mutateAsync(file));
      } catch {
        // the error shows below; keep the files that did upload
      }
    }
    if (added.length) onChange([...attachments, ...added]);
  };
  return (
    <div className="attachment-picker">
      <label htmlFor={id} className="button small ghost">
        <PaperclipIcon /> Attach files
      </label>
      <input
        id={id}
        type="file"
        multiple
        className="visually-hidden"
        onChange={(e) => {
          void add(e.target.files);
          e.target.value = '';
        }}
      />
      {upload.isPending ? <span className="muted small">Uploading…</span> : null}
      {attachments.map((a) => (
        <span key={a.id} className="badge">
          {a.filename}
          <button type="button" className="chip-remove" aria-label={`Remove ${a.filename}`} onClick={() => onChange(attachments.filter((x) => x.id !== a.id))}>
            ×
          </button>
        </span>
      ))}
      {upload.error ? <ErrorMessage error={upload.error} /> : null}
    </div>
  );
}
