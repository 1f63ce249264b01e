import { useState } from 'react';
import { Dialog } from '../../components/dialog.tsx';
import { useHotkeys } from '../../lib/hotkeys.ts';

const SHORTCUTS: Array<[string, string]> = [
  ['j / k', 'Next / previous ticket in the queue'],
  ['Enter', 'Open the selected ticket'],
  ['/', 'Search the queue'],
  ['r', 'Reply to the customer'],
  ['i', 'Write an internal note'],
  ['e', 'Close the ticket (or the selected one in the queue)'],
  ['?', 'Show these shortcuts'],
];

/** `?` (or the button) lists the keyboard shortcuts. */
export function KeyboardHelp() {
  const [open, setOpen] = useState(false);
  useHotkeys({ '?': () => setOpen(true) });
  return (
    <>
      <button type="button" className="button ghost" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setOpen(true)}>
        ?
      </button>
      <Dialog title="Keyboard shortcuts" open={open} onClose={() => setOpen(false)}>
        <dl className="shortcuts">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                {keys.split(' / ').map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' / ' : ''}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">Shortcuts do nothing while you type in a field.</p>
      </Dialog>
    </>
  );
}
