import { RenderedContent } from '../../../components/rendered-content.tsx';
import type { Note } from '../../../lib/api-types.ts';
import { messageAuthor } from './message-kind.ts';

type Props = { messages: Note[]; onSendAnyway: () => void; onEdit: () => void };

/** Shown instead of sending when someone wrote since the agent started: read it, then send or edit. */
export function CollisionNotice({ messages, onSendAnyway, onEdit }: Props) {
  return (
    <section className="collision" role="alert" aria-label="New messages arrived">
      <strong>{messages.length === 1 ? 'A new message arrived' : `${messages.length} new messages arrived`} while you were writing. Nothing was sent.</strong>
      {messages.map((note) => (
        <div key={note.id} className="collision-message">
          <div className="small muted">{messageAuthor(note)}</div>
          <RenderedContent source={note.body} />
        </div>
      ))}
      <div className="row">
        <button type="button" className="button primary" onClick={onSendAnyway}>
          Send anyway
        </button>
        <button type="button" className="button" onClick={onEdit}>
          Edit reply
        </button>
      </div>
    </section>
  );
}
