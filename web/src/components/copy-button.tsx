import { useEffect, useState } from 'react';

/**
 * Copies `text` to the clipboard and says "Copied" for a moment. Named by `label` ("Copy address"), so
 * several copy buttons on one screen stay distinguishable for screen readers and tests.
 */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // No clipboard (an insecure origin, or permission refused): the text stays visible to select by hand.
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="button small" onClick={copy} aria-label={label}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span role="status" className={state === 'failed' ? 'small muted' : 'visually-hidden'}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copying failed: select the text and copy it.' : ''}
      </span>
    </>
  );
}
