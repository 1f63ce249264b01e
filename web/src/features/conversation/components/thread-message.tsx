import { memo } from 'react';
import { RenderedContent } from '../../../components/rendered-content.tsx';
import type { Attachment, EmailMeta as Meta, UserRef } from '../../../lib/api-types.ts';
import { absoluteTime, relativeTime } from '../../../lib/relative-time.ts';
import { AttachmentList } from './attachment-list.tsx';
import { EmailMeta } from './email-meta.tsx';
import { messageAuthor, messageKind } from './message-kind.ts';
import { LockIcon } from '../../../components/icons.tsx';

export type ThreadItem = {
  body: string;
  system: boolean;
  internal: boolean;
  author: UserRef;
  external_author: string | null;
  attachments: Attachment[];
  created_at: string;
  email?: Meta | null;
  /** The ticket's description (the first message). */
  isDescription?: boolean;
};

/**
 * One message of the conversation, as an <article> whose accessible name starts with what it is
 * ("Email from …", "Comment by …", "Internal note by …", "System note …": INTERFACE.md, Web UI).
 * Memoised: the notes keep their identity across refetches (TanStack Query's structural sharing), so when
 * the ticket screen re-renders, or a note arrives, only what changed renders again, not 200 messages.
 */
export const ThreadMessage = memo(function ThreadMessage({ item }: { item: ThreadItem }) {
  const kind = messageKind(item);
  const who = messageAuthor(item);
  const when = relativeTime(item.created_at);
  if (kind === 'system') {
    return (
      <article className="message system" aria-label={`System note: ${item.body.slice(0, 80)}`}>
        <span className="system-text">
          <RenderedContent source={item.body} className="inline" />
        </span>
        <span className="muted small">
          {item.author.name} · <time dateTime={item.created_at}>{when}</time>
        </span>
      </article>
    );
  }
  return (
    <article className={`message ${kind}`} aria-label={`${who}, ${when}`}>
      <header className="message-header">
        <span className="message-author">{kind === 'email' ? item.external_author : item.author.name}</span>
        {kind === 'email' ? <span className="badge">Email</span> : null}
        {kind === 'internal' ? (
          <span className="badge internal">
            <LockIcon /> Internal
          </span>
        ) : null}
        {item.isDescription ? <span className="badge">Opened the ticket</span> : null}
        <span className="spacer" />
        <time className="muted small" dateTime={item.created_at} title={absoluteTime(item.created_at)}>
          {when}
        </time>
      </header>
      {kind === 'internal' ? <p className="internal-hint">Only the team sees this note.</p> : null}
      {item.email ? <EmailMeta email={item.email} /> : null}
      <RenderedContent source={item.body} />
      <AttachmentList attachments={item.attachments} />
    </article>
  );
});
