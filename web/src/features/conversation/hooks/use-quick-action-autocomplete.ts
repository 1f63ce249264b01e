// Typing `/` at the start of a line offers the quick actions (ARIA listbox, keyboard-selectable).
// Commands only count at the very start of a line (domain/quick-actions.ts), so that is the only place
// the menu opens.
import { type KeyboardEvent, useState } from 'react';

export type QuickActionHint = { command: string; args: string; what: string };

export const QUICK_ACTIONS: QuickActionHint[] = [
  { command: 'close', args: '', what: 'Close the ticket' },
  { command: 'reopen', args: '', what: 'Reopen the ticket' },
  { command: 'label', args: '~label', what: 'Add labels' },
  { command: 'unlabel', args: '~label', what: 'Remove labels' },
  { command: 'assign', args: '@username', what: 'Assign (or @me)' },
  { command: 'unassign', args: '@username', what: 'Unassign' },
  { command: 'confidential', args: '', what: 'Make the ticket confidential' },
  { command: 'add_email', args: 'email', what: 'Add an external participant' },
  { command: 'remove_email', args: 'email', what: 'Remove an external participant' },
  { command: 'convert_to_ticket', args: 'email', what: "Make it this customer's ticket" },
];

type Match = { lineStart: number; query: string };

/** The `/partial` being typed at the caret, when the caret's line holds nothing else yet. */
function matchAt(text: string, caret: number): Match | null {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  const typed = text.slice(lineStart, caret);
  const m = /^\/([a-z_]*)$/i.exec(typed);
  return m ? { lineStart, query: m[1]!.toLowerCase() } : null;
}

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
