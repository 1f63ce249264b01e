import type { QuickActionHint } from '../hooks/use-quick-action-autocomplete.ts';

type Props = { id: string; options: QuickActionHint[]; active: number; onChoose: (option: QuickActionHint) => void; onHover: (index: number) => void };

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** The quick-action suggestions under the composer (the textbox points at the active one). */
export function QuickActionMenu({ id, options, active, onChoose, onHover }: Props) {
  return (
    <div id={id} role="listbox" aria-label="Quick actions" className="quick-menu">
      {options.map((option, index) => (
        <div
          key={option.command}
          tabIndex={-1}
          id={optionId(id, index)}
          role="option"
          aria-selected={index === active}
          className={index === active ? 'active' : undefined}
          onMouseDown={(event) => {
            event.preventDefault(); // keep the focus in the textbox
            onChoose(option);
          }}
          onMouseEnter={() => onHover(index)}
        >
          <span className="mono">
            /{option.command}
            {option.args ? <span className="muted"> {option.args}</span> : null}
          </span>
          <span className="muted small">{option.what}</span>
        </div>
      ))}
    </div>
  );
}
