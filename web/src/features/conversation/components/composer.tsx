// The composer: a public reply (mailed to the customer and participants) or an internal note (never
// mailed). The two must never be confused: the internal mode changes colour, icon, label and button.
// Collision guard: if a customer mail or another agent's note arrived since the agent started writing,
// sending stops and shows it first.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type Ref, useId, useImperativeHandle, useRef, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { RenderedContent } from '../../../components/rendered-content.tsx';
import type { Attachment, Note } from '../../../lib/api-types.ts';
import { useCreateNote } from '../api/create-note.ts';
import { arrivedSince, newestId } from '../collision.ts';
import { notesQuery } from '../api/get-notes.ts';
import { useDraft } from '../hooks/use-draft.ts';
import { useQuickActionAutocomplete } from '../hooks/use-quick-action-autocomplete.ts';
import { AttachmentPicker } from './attachment-picker.tsx';
import { CollisionNotice } from './collision-notice.tsx';
import { optionId, QuickActionMenu } from './quick-action-menu.tsx';
import { LockIcon } from '../../../components/icons.tsx';

export type ComposerHandle = { focus: (internal: boolean) => void };

type Props = {
  project: string;
  iid: number;
  currentUserId: number;
  /** The thread as loaded (undefined while it loads: no baseline can be taken yet). */
  notes: Note[] | undefined;
  /** Who a public reply is mailed to (shown under the box). */
  recipients: string[];
  ref?: Ref<ComposerHandle>;
};

export function Composer({ project, iid, currentUserId, notes, recipients, ref }: Props) {
  const { draft, setDraft, clear } = useDraft(project, iid);
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [collision, setCollision] = useState<Note[] | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const create = useCreateNote(project, iid);
  const queryClient = useQueryClient();
  const listId = useId();
  const internal = draft.internal;

  const setBody = (body: string, caret?: number) => {
    // The guard's baseline: the newest message the agent had seen when they started this reply.
    const since = draft.body === '' && body !== '' ? (notes ? newestId(notes) : null) : body === '' ? null : draft.since;
    setDraft({ ...draft, body, since });
    if (caret !== undefined)
      requestAnimationFrame(() => {
        textarea.current?.setSelectionRange(caret, caret);
        autocomplete.update(body, caret);
      });
  };
  const autocomplete = useQuickActionAutocomplete(draft.body, (text, caret) => setBody(text, caret));

  useImperativeHandle(ref, () => ({
    focus: (wantInternal: boolean) => {
      setTab('write');
      setDraft((d) => ({ ...d, internal: wantInternal }));
      requestAnimationFrame(() => textarea.current?.focus());
    },
  }));

  const send = async (force: boolean) => {
    const body = draft.body.trim();
    if (!body && attachments.length === 0) return;
    if (!force) {
      const fresh = await queryClient.fetchQuery({ ...notesQuery(project, iid), staleTime: 0 }).catch(() => notes ?? []);
      const arrived = arrivedSince(fresh, draft.since ?? newestId(fresh), currentUserId);
      if (arrived.length > 0) {
        setCollision(arrived);
        return;
      }
    }
    setCollision(null);
    create.mutate(
      { body, internal, attachment_ids: attachments.length ? attachments.map((a) => a.id) : undefined },
      {
        onSuccess: () => {
          clear();
          setAttachments([]);
          setTab('write');
        },
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };

  const label = internal ? 'Internal note' : 'Reply';
  return (
    <form className={`composer${internal ? ' internal' : ''}`} onSubmit={submit} aria-label={internal ? 'Write an internal note' : 'Write a reply'}>
      <div className="composer-top">
        <label htmlFor={`${listId}-text`} className="composer-label">
          {internal ? <LockIcon /> : null}
          {label}
        </label>
        <div className="tabs" role="tablist" aria-label="Composer view">
          <button type="button" role="tab" aria-selected={tab === 'write'} className="tab" onClick={() => setTab('write')}>
            Write
          </button>
          <button type="button" role="tab" aria-selected={tab === 'preview'} className="tab" onClick={() => setTab('preview')}>
            Preview
          </button>
        </div>
        <span className="spacer" />
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            aria-checked={internal}
            checked={internal}
            onChange={(e) => setDraft({ ...draft, internal: e.target.checked })}
          />
          <span>Internal note</span>
        </label>
      </div>
      {internal ? (
        <p className="internal-banner">
          <LockIcon /> Internal note — only the team sees this
        </p>
      ) : null}
      <div className={tab === 'write' ? 'composer-write' : 'composer-write hidden'}>
        <textarea
          id={`${listId}-text`}
          ref={textarea}
          rows={5}
          className="composer-text"
          placeholder={internal ? 'Only the team sees this. Markdown and /quick actions work.' : 'Reply to the customer… Markdown and /quick actions work.'}
          value={draft.body}
          aria-autocomplete="list"
          aria-controls={autocomplete.open ? `${listId}-menu` : undefined}
          aria-activedescendant={autocomplete.open ? optionId(`${listId}-menu`, autocomplete.active) : undefined}
          onChange={(e) => {
            setBody(e.target.value);
            autocomplete.update(e.target.value, e.target.selectionStart);
          }}
          onSelect={(e) => autocomplete.update(e.currentTarget.value, e.currentTarget.selectionStart)}
          onKeyDown={(e) => {
            if (autocomplete.onKeyDown(e)) {
              e.preventDefault();
              return;
            }
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void send(false);
            }
          }}
        />
        {autocomplete.open ? (
          <QuickActionMenu
            id={`${listId}-menu`}
            options={autocomplete.options}
            active={autocomplete.active}
            onChoose={autocomplete.choose}
            onHover={autocomplete.setActive}
          />
        ) : null}
      </div>
      {tab === 'preview' ? (
        <div className="composer-preview" role="tabpanel" aria-label="Preview">
          {draft.body.trim() ? <RenderedContent source={draft.body} /> : <p className="muted">Nothing to preview.</p>}
        </div>
      ) : null}
      <AttachmentPicker project={project} attachments={attachments} onChange={setAttachments} />
      {collision ? (
        <CollisionNotice
          messages={collision}
          onSendAnyway={() => void send(true)}
          onEdit={() => {
            setDraft({ ...draft, since: Math.max(newestId(notes ?? []), newestId(collision)) });
            setCollision(null);
            textarea.current?.focus();
          }}
        />
      ) : null}
      {create.error ? <ErrorMessage error={create.error} /> : null}
      <div className="composer-actions">
        <span className="muted small composer-to">
          {internal ? 'Not mailed to anyone.' : recipients.length ? `Mailed to ${recipients.join(', ')}` : 'No customer on this ticket: nobody is mailed.'}
        </span>
        <button
          type="submit"
          className={`button ${internal ? 'internal' : 'primary'}`}
          disabled={create.isPending || (!draft.body.trim() && attachments.length === 0)}
        >
          {internal ? 'Add internal note' : 'Send'}
        </button>
      </div>
    </form>
  );
}
