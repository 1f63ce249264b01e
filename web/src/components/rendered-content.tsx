import { useMemo, useState } from 'react';
import { type RenderResult, renderContent } from '../lib/render/render-content.ts';

// renderContent is pure for a source and a choice about remote images, and opening a ticket again renders
// its whole thread again: the last few hundred results are kept, the least recently used dropped first.
const rendered = new Map<string, RenderResult>();
const KEEP = 500;

function renderRemembered(source: string, allowRemote: boolean): RenderResult {
  const key = `${allowRemote ? 'remote' : 'local'}:${source}`;
  const known = rendered.get(key);
  if (known) {
    rendered.delete(key);
    rendered.set(key, known);
    return known;
  }
  const result = renderContent(source, { allowRemote });
  rendered.set(key, result);
  if (rendered.size > KEEP) rendered.delete(rendered.keys().next().value!);
  return result;
}

/**
 * Customer or agent Markdown, rendered through the one safe path (lib/render). Remote images stay out of
 * the DOM until the agent clicks "Load remote images" for this message.
 */
export function RenderedContent({ source, className }: { source: string; className?: string }) {
  const [allowRemote, setAllowRemote] = useState(false);
  const { html, blockedRemote } = useMemo(() => renderRemembered(source, allowRemote), [source, allowRemote]);
  return (
    <>
      {blockedRemote > 0 ? (
        <p className="remote-notice">
          <span>
            {blockedRemote} remote image{blockedRemote === 1 ? '' : 's'} hidden to protect your privacy.
          </span>
          <button type="button" className="button small" onClick={() => setAllowRemote(true)}>
            Load remote images
          </button>
        </p>
      ) : null}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the output of renderContent (Markdown → DOMPurify → remote URLs removed) */}
      <div className={`content ${className ?? ''}`} dangerouslySetInnerHTML={html} />
    </>
  );
}
