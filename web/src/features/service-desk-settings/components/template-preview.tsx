// The mail as the customer will get it, rendered by the server for a real ticket of the project while
// the agent types. The HTML part sits in an iframe sandboxed with no permissions at all (no scripts,
// an opaque origin), so even a hostile template or ticket cannot act in the app.
import { useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import type { MailTemplateName } from '../../../lib/admin-api-types.ts';
import { useMailTemplatePreview } from '../api/mail-templates.ts';
import { usePreviewTickets } from '../api/preview-tickets.ts';
import { useDebouncedValue } from '../hooks/use-debounced-value.ts';

export function TemplatePreview({ project, name, content }: { project: string; name: MailTemplateName; content: string }) {
  const tickets = usePreviewTickets(project);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const [view, setView] = useState<'html' | 'text'>('html');
  const ticketIid = chosen ?? tickets.data?.[0]?.iid;
  const settled = useDebouncedValue(content, 400);
  const preview = useMailTemplatePreview(project, name, settled, ticketIid);
  const typing = settled !== content || preview.isFetching;

  return (
    <section className="sd-preview" aria-label="Preview">
      <div className="row sd-preview-bar">
        <h3 className="sd-preview-title">Preview</h3>
        <span className="spacer" />
        {tickets.data && tickets.data.length > 0 ? (
          <label className="row small">
            <span>Ticket</span>
            <select value={ticketIid} onChange={(e) => setChosen(Number(e.target.value))}>
              {tickets.data.map((t) => (
                <option key={t.iid} value={t.iid}>
                  #{t.iid} {t.title.length > 40 ? `${t.title.slice(0, 40)}…` : t.title}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <fieldset className="sd-segmented">
          <legend className="visually-hidden">Preview format</legend>
          <button type="button" className="button small" aria-pressed={view === 'html'} onClick={() => setView('html')}>
            HTML
          </button>
          <button type="button" className="button small" aria-pressed={view === 'text'} onClick={() => setView('text')}>
            Text
          </button>
        </fieldset>
      </div>
      {tickets.error ? <ErrorMessage error={tickets.error} /> : null}
      {tickets.data && tickets.data.length === 0 ? (
        <p className="muted sd-preview-empty">The preview fills a template in for one of this project's tickets: there are none yet.</p>
      ) : null}
      {preview.error ? <ErrorMessage error={preview.error} /> : null}
      {preview.data ? (
        <div className="sd-preview-mail">
          <p className="sd-preview-subject">
            <span className="muted">Subject: </span>
            {preview.data.subject}
            <span role="status" className="muted small sd-preview-updating">
              {typing ? 'Updating…' : ''}
            </span>
          </p>
          {view === 'html' ? (
            <iframe className="sd-preview-frame" title="Mail preview" sandbox="" srcDoc={preview.data.html} />
          ) : (
            <pre className="sd-preview-text">{preview.data.text}</pre>
          )}
        </div>
      ) : null}
    </section>
  );
}
