import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { CopyButton } from '../../../components/copy-button.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/spinner.tsx';
import { useAddExtraAddress, useExtraAddresses, useRemoveExtraAddress } from '../api/extra-addresses.ts';

/** Extra incoming addresses: mail to one opens tickets that already carry its labels. */
export function ExtraAddresses({ project, canEdit }: { project: string; canEdit: boolean }) {
  const addresses = useExtraAddresses(project);
  const remove = useRemoveExtraAddress(project);
  if (addresses.isPending) return <Loading />;
  if (addresses.error) return <ErrorMessage error={addresses.error} />;
  return (
    <div className="stack">
      {addresses.data.length === 0 ? (
        <p className="muted">No extra addresses yet.</p>
      ) : (
        <ul className="sd-extra-list" aria-label="Extra addresses">
          {addresses.data.map((address) => (
            <li key={address.key}>
              <code className="sd-address">{address.address}</code>
              <span className="row">
                {address.labels.map((label) => (
                  <span key={label} className="label-chip">
                    {label}
                  </span>
                ))}
              </span>
              <span className="spacer" />
              <CopyButton text={address.address} label={`Copy ${address.address}`} />
              {canEdit ? (
                <ConfirmButton
                  label={`Remove address ${address.key}`}
                  text="Remove"
                  confirmLabel={`Remove ${address.key}`}
                  disabled={remove.isPending}
                  onConfirm={() => remove.mutate(address.key)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      {canEdit ? <AddExtraAddressForm project={project} /> : null}
    </div>
  );
}

function AddExtraAddressForm({ project }: { project: string }) {
  const [key, setKey] = useState('');
  const [labels, setLabels] = useState('');
  const add = useAddExtraAddress(project);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const list = labels
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    add.mutate(
      { key: key.trim(), labels: list },
      {
        onSuccess: () => {
          setKey('');
          setLabels('');
        },
      },
    );
  };
  return (
    <form className="sd-inline-form" onSubmit={submit} aria-label="Add an extra address">
      <label className="field">
        <span>Address key</span>
        <input required className="mono" value={key} onChange={(e) => setKey(e.target.value)} placeholder="billing" />
      </label>
      <label className="field">
        <span>Labels</span>
        <input value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="billing, priority" />
      </label>
      <button type="submit" className="button" disabled={add.isPending}>
        Add address
      </button>
      {add.error ? <ErrorMessage error={add.error} className="sd-form-error" /> : null}
    </form>
  );
}
