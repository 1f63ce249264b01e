import { useMemo, useState } from 'react';
import { renderContent } from '../lib/render/render-content.ts';

/**
 * Customer or agent Markdown, rendered through the one safe path (lib/render). Remote images stay out of
 * the DOM until the agent clicks "Load remote images" for this message.
 */
export function RenderedContent({ source, className }: { source: string; className?: string }) {
  const [allowRemote, setAllowRemote] = useState(false);
  const rendered = useMemo(() => renderContent(source, { allowRemote }), [source, allowRemote]);
  return (
    <>
      {rendered.blockedRemote > 0 ? (
        <p className="remote-notice">
          <span>
            {rendered.blockedRemote} remote image{rendered.blockedRemote === 1 ? '' : 's'} hidden to protect your privacy.
          </span>
          <button type="button" className="button small" onClick={() => setAllowRemote(true)}>
            Load remote images
          </button>
        </p>
      ) : null}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the output of renderContent (Markdown → DOMPurify → remote URLs removed) */}
      <div className={`content ${className ?? ''}`} dangerouslySetInnerHTML={rendered.html} />
    </>
  );
}
