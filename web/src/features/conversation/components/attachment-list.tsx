import type { Attachment } from '../../../lib/api-types.ts';
import { FileIcon } from '../../../components/icons.tsx';

// Only raster types the server serves inline (and that cannot carry script) are previewed.
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const size = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A message's files: safe images shown inline (same origin), everything else as a download link. */
export function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="attachments" aria-label="Attachments">
      {attachments.map((a) =>
        PREVIEWABLE.has(a.content_type.toLowerCase()) ? (
          <li key={a.id} className="attachment-image">
            <a href={a.url} target="_blank" rel="noopener noreferrer">
              <img src={a.url} alt={a.filename} loading="lazy" />
            </a>
            <span className="small muted">{a.filename}</span>
          </li>
        ) : (
          <li key={a.id}>
            <a href={a.url} download={a.filename} className="attachment-file">
              <FileIcon /> {a.filename} <span className="muted small">({size(a.size)})</span>
            </a>
          </li>
        ),
      )}
    </ul>
  );
}
