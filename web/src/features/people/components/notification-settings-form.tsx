import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/spinner.tsx';
import type { NotificationSettings } from '../../../lib/admin-api-types.ts';
import { useNotificationSettings, useUpdateNotificationSettings } from '../api/notification-settings.ts';
import '../people.css';

const OPTIONS: ReadonlyArray<{ field: keyof NotificationSettings; label: string }> = [
  { field: 'new_tickets', label: 'New tickets in my projects' },
  { field: 'customer_replies', label: 'Customer replies on tickets assigned to me' },
  { field: 'assignments', label: 'When a ticket is assigned to me' },
  { field: 'mentions', label: 'When someone @mentions me' },
];

/** What the user is mailed about; each switch saves at once. */
export function NotificationSettingsForm() {
  const settings = useNotificationSettings();
  const update = useUpdateNotificationSettings();
  if (settings.isPending) return <Loading />;
  if (settings.error) return <ErrorMessage error={settings.error} />;
  return (
    <div className="stack">
      <fieldset className="people-switches">
        <legend className="visually-hidden">Mail me about</legend>
        {OPTIONS.map((option) => (
          <label key={option.field} className="check">
            <input
              type="checkbox"
              role="switch"
              checked={settings.data[option.field]}
              aria-checked={settings.data[option.field]}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ [option.field]: e.target.checked })}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
      <p className="row muted small">
        Answer those mails to reply on the ticket as yourself.
        <span role="status" className="people-status">
          {update.isSuccess ? <span className="people-ok">Saved</span> : null}
        </span>
      </p>
      {update.error ? <ErrorMessage error={update.error} /> : null}
    </div>
  );
}
