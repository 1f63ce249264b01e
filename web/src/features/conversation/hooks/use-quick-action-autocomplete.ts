// Typing `/` at the start of a line offers the quick actions (ARIA listbox, keyboard-selectable).
// Commands only count at the very start of a line (domain/quick-actions.ts), so that is the only place
// the menu opens.
import { type KeyboardEvent, useState } from 'react';
import { type Match, matchAt, QUICK_ACTIONS, type QuickActionHint } from '../quick-actions.ts';

export type { QuickActionHint };

export function useQuickActionAutocomplete(value: string, setValue: (value: string, caret: number) => void) {
  const [match, setMatch] = useState<Match | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const options = match ? QUICK_ACTIONS.filter((a) => a.command.startsWith(match.query)) : [];
  const open = Boolean(match) && options.length > 0 && !dismissed;

  /** Call on every change and caret move. */
  const update = (text: string, caret: number) => {
    const next = matchAt(text, caret);
    if (next?.query !== match?.query || next?.lineStart !== match?.lineStart) {
      setActive(0);
      setDismissed(false);
    }
    setMatch(next);
  };

  const choose = (option: QuickActionHint) => {
    if (!match) return;
    const end = match.lineStart + 1 + match.query.length;
    const inserted = `/${option.command}${option.args ? ' ' : ''}`;
    const text = value.slice(0, match.lineStart) + inserted + value.slice(end);
    setValue(text, match.lineStart + inserted.length);
    setMatch(null);
  };

  /** Returns true when the key was used by the menu. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const delta = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + delta + options.length) % options.length);
      return true;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      const option = options[active];
      if (option) choose(option);
      return true;
    }
    if (event.key === 'Escape') {
      setDismissed(true);
      return true;
    }
    return false;
  };

  return { open, options, active, setActive, choose, update, onKeyDown };
}
