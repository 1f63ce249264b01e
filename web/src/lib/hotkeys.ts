// Single-key shortcuts (j, k, r, e, /, ?) for an app agents keep open all day. A shortcut never fires while
// the agent types in a field, or with a modifier held (so browser and OS shortcuts keep working).
import { useEffect, useRef } from 'react';

/**
 * Keys are `event.key`, named keys in lower case (`enter`, `escape`). A handler returning `false` did not
 * handle the key (the browser's default then happens).
 */
export type HotkeyMap = Record<string, (event: KeyboardEvent) => unknown>;

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

export function useHotkeys(map: HotkeyMap, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open]') && event.key !== 'Escape') return;
      const handler = ref.current[event.key.length > 1 ? event.key.toLowerCase() : event.key];
      if (!handler) return;
      if (handler(event) !== false) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
