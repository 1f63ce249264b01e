// The mail template editor: pick a template, edit its Markdown (clicking a placeholder inserts it at the
// cursor), see the mail as the customer will get it, save it or go back to the built-in default.
import { useId, useRef, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/spinner.tsx';
import type { MailTemplate, MailTemplateName } from '../../../lib/admin-api-types.ts';
import { PLACEHOLDERS, TEMPLATE_NAMES, useMailTemplate, useSaveMailTemplate } from '../api/mail-templates.ts';
import { TemplatePreview } from './template-preview.tsx';

export function TemplateEditor({ project, canEdit }: { project: string; canEdit: boolean }) {
  const [name, setName] = useState<MailTemplateName>('thank_you');
  const template = useMailTemplate(project, name);
  const current = TEMPLATE_NAMES.find((t) => t.name === name);
  return (
    <div className="stack">
      <div className="row">
        <label className="field">
          <span>Template</span>
          <select value={name} onChange={(e) => setName(e.target.value as MailTemplateName)}>
            {TEMPLATE_NAMES.map((t) => (
              <option key={t.name} value={t.name}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <p className="muted small sd-template-when">{current ? `The ${current.label.toLowerCase()} mail is ${current.when}.` : null}</p>
      </div>
      {template.isPending ? <Loading /> : null}
      {template.error ? <ErrorMessage error={template.error} /> : null}
      {/* Keyed by name: switching templates starts a fresh draft; a background refetch never wipes one. */}
      {template.data ? <TemplateDraft key={name} project={project} template={template.data} canEdit={canEdit} /> : null}
    </div>
  );
}

function TemplateDraft({ project, template, canEdit }: { project: string; template: MailTemplate; canEdit: boolean }) {
  const [content, setContent] = useState(template.content);
  const [status, setStatus] = useState<'idle' | 'saved' | 'reset'>('idle');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const save = useSaveMailTemplate(project, template.name);
  const hintId = useId();
  const labelId = useId();
  const stateId = useId();
  const dirty = content !== template.content;
  const afterSave = (saved: MailTemplate, how: 'saved' | 'reset') => {
    setContent(saved.content);
    setStatus(how);
  };

  const insert = (placeholder: string) => {
    const box = textarea.current;
    const token = `%{${placeholder}}`;
    const start = box?.selectionStart ?? content.length;
    const end = box?.selectionEnd ?? content.length;
    setContent(content.slice(0, start) + token + content.slice(end));
    setStatus('idle');
    // Put the cursor after the inserted placeholder once React has written the new value.
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <div className="sd-template-grid">
      <div className="stack">
        <label className="field">
          {/* Named by its label alone; whether it is customised is a description, so the name stays stable. */}
          <span className="row">
            <span id={labelId}>Template content</span>
            <span id={stateId} className={template.default ? 'badge' : 'badge open'}>
              {template.default ? 'Built-in default' : 'Customised'}
            </span>
          </span>
          <textarea
            ref={textarea}
            rows={12}
            className="mono sd-template-text"
            value={content}
            readOnly={!canEdit}
            aria-labelledby={labelId}
            aria-describedby={`${stateId} ${hintId}`}
            onChange={(e) => {
              setContent(e.target.value);
              setStatus('idle');
            }}
          />
        </label>
        <p id={hintId} className="muted small">
          Markdown. The unsubscribe link is always added, even when the template leaves out{' '}
          <code className="sd-nowrap">
            %{'{'}UNSUBSCRIBE_URL{'}'}
          </code>
          .
        </p>
        {canEdit ? (
          <fieldset className="sd-placeholders">
            <legend className="visually-hidden">Placeholders</legend>
            {PLACEHOLDERS.map((p) => (
              <button
                key={p.name}
                type="button"
                className="button small mono"
                title={p.means}
                aria-label={`Insert %{${p.name}}: ${p.means}`}
                onClick={() => insert(p.name)}
              >
                %{'{'}
                {p.name}
                {'}'}
              </button>
            ))}
          </fieldset>
        ) : null}
        {canEdit ? (
          <div className="row">
            <button
              type="button"
              className="button primary"
              disabled={!dirty || save.isPending}
              onClick={() => save.mutate(content, { onSuccess: (saved) => afterSave(saved, 'saved') })}
            >
              Save template
            </button>
            <button
              type="button"
              className="button"
              disabled={(template.default && !dirty) || save.isPending}
              onClick={() => save.mutate(null, { onSuccess: (saved) => afterSave(saved, 'reset') })}
            >
              Reset to default
            </button>
            <span role="status" className="sd-status">
              {status === 'saved' ? <span className="sd-saved">Template saved</span> : null}
              {status === 'reset' ? <span className="sd-saved">Reset to the default</span> : null}
              {status === 'idle' && dirty ? <span className="muted">Unsaved changes</span> : null}
            </span>
          </div>
        ) : null}
        {save.error ? <ErrorMessage error={save.error} /> : null}
      </div>
      <TemplatePreview project={project} name={template.name} content={content} />
    </div>
  );
}
