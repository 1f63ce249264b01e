import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import type { ServiceDesk, ServiceDeskUpdate } from '../../../lib/admin-api-types.ts';
import { useUpdateServiceDesk } from '../api/update-service-desk.ts';

type Draft = Pick<
  ServiceDesk,
  'enabled' | 'tickets_confidential_by_default' | 'reopen_issue_on_external_participant_note' | 'add_external_participants_from_cc'
> & { outgoing_name: string; issue_template: string };

const TOGGLES: ReadonlyArray<{ field: keyof Draft & keyof ServiceDeskUpdate; label: string; hint: string }> = [
  { field: 'enabled', label: 'Service desk enabled', hint: 'When off, mail to the addresses is ignored.' },
  { field: 'tickets_confidential_by_default', label: 'New tickets are confidential', hint: 'Only reporters and up see them.' },
  {
    field: 'reopen_issue_on_external_participant_note',
    label: 'Reopen a closed ticket when a customer writes',
    hint: 'A reply from an external participant reopens the ticket.',
  },
  {
    field: 'add_external_participants_from_cc',
    label: 'Add Cc addresses as participants',
    hint: 'People in Cc of a new ticket hear about its public replies.',
  },
];

const draftOf = (s: ServiceDesk): Draft => ({
  enabled: s.enabled,
  tickets_confidential_by_default: s.tickets_confidential_by_default,
  reopen_issue_on_external_participant_note: s.reopen_issue_on_external_participant_note,
  add_external_participants_from_cc: s.add_external_participants_from_cc,
  outgoing_name: s.outgoing_name ?? '',
  issue_template: s.issue_template ?? '',
});

/** Only what changed is sent (the PUT is partial); blank texts become null ("none"). */
function changesBetween(saved: Draft, draft: Draft): ServiceDeskUpdate {
  const changes: ServiceDeskUpdate = {};
  for (const toggle of TOGGLES) {
    const field = toggle.field as 'enabled';
    if (draft[field] !== saved[field]) changes[field] = draft[field];
  }
  if (draft.outgoing_name.trim() !== saved.outgoing_name) changes.outgoing_name = draft.outgoing_name.trim() || null;
  if (draft.issue_template !== saved.issue_template) changes.issue_template = draft.issue_template.trim() ? draft.issue_template : null;
  return changes;
}

export function ServiceDeskSettingsForm({ project, settings, canEdit }: { project: string; settings: ServiceDesk; canEdit: boolean }) {
  const saved = draftOf(settings);
  const [draft, setDraft] = useState<Draft>(saved);
  const [justSaved, setJustSaved] = useState(false);
  const update = useUpdateServiceDesk(project);
  const changes = changesBetween(saved, draft);
  const dirty = Object.keys(changes).length > 0;

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft({ ...draft, [field]: value });
    setJustSaved(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(changes, {
      onSuccess: (next) => {
        setDraft(draftOf(next));
        setJustSaved(true);
      },
    });
  };

  return (
    <form className="stack" onSubmit={submit} aria-label="Service desk settings">
      <fieldset className="sd-fieldset" disabled={!canEdit || update.isPending}>
        <legend className="visually-hidden">Behaviour</legend>
        {TOGGLES.map((toggle) => (
          <label key={toggle.field} className="sd-toggle">
            <input
              type="checkbox"
              role="switch"
              checked={draft[toggle.field] as boolean}
              aria-checked={draft[toggle.field] as boolean}
              onChange={(e) => set(toggle.field, e.target.checked as never)}
            />
            <span>
              <span className="sd-toggle-label">{toggle.label}</span>
              <span className="muted small sd-toggle-hint">{toggle.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="sd-fieldset stack" disabled={!canEdit || update.isPending}>
        <legend className="visually-hidden">Outgoing mail and new tickets</legend>
        <label className="field">
          <span>Outgoing display name</span>
          <input value={draft.outgoing_name} onChange={(e) => set('outgoing_name', e.target.value)} placeholder="Acme Support" />
          <small className="muted">The name customers see beside the service desk address.</small>
        </label>
        <label className="field">
          <span>Ticket template</span>
          <textarea rows={5} className="mono" value={draft.issue_template} onChange={(e) => set('issue_template', e.target.value)} />
          <small className="muted">Markdown added to every new ticket from mail; its quick actions (e.g. /label ~support) run as the support bot.</small>
        </label>
      </fieldset>
      {canEdit ? (
        <div className="row">
          <button type="submit" className="button primary" disabled={!dirty || update.isPending}>
            {update.isPending ? 'Saving…' : 'Save settings'}
          </button>
          <span role="status" className="sd-status">
            {justSaved && !dirty ? <span className="sd-saved">Saved</span> : dirty ? <span className="muted">Unsaved changes</span> : null}
          </span>
        </div>
      ) : null}
      {update.error ? <ErrorMessage error={update.error} /> : null}
    </form>
  );
}
