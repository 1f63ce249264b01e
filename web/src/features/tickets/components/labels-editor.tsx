import { type FormEvent, useState } from 'react';

type Props = { labels: string[]; disabled: boolean; onChange: (labels: string[]) => void };

export function LabelsEditor({ labels, disabled, onChange }: Props) {
  const [text, setText] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    const names = text
      .split(',')
      .map((s) => s.trim().replace(/^~/, ''))
      .filter(Boolean);
    if (names.length) onChange([...new Set([...labels, ...names])]);
    setText('');
  };
  return (
    <>
      <ul className="chips" aria-label="Labels">
        {labels.length === 0 ? <li className="muted small">None</li> : null}
        {labels.map((label) => (
          <li key={label} className="label-chip">
            {label}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove label ${label}`}
              disabled={disabled}
              onClick={() => onChange(labels.filter((l) => l !== label))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="row side-form" onSubmit={add}>
        <input aria-label="Add a label" placeholder="Add label" value={text} onChange={(e) => setText(e.target.value)} disabled={disabled} />
        <button type="submit" className="button small" disabled={disabled || !text.trim()}>
          Add
        </button>
      </form>
    </>
  );
}
