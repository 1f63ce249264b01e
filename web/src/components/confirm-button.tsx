import { useState } from 'react';

/**
 * A destructive action asked twice, in place: the first click shows "Confirm" and "Cancel" (no blocking
 * window.confirm, which browser tests and screen readers handle badly). `label` names the first button,
 * e.g. "Remove alice"; `confirmLabel` the second.
 */
export function ConfirmButton({
  label,
  text,
  confirmLabel,
  disabled,
  onConfirm,
}: {
  label: string;
  text: string;
  confirmLabel: string;
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button small danger" aria-label={label} disabled={disabled} onClick={() => setAsking(true)}>
        {text}
      </button>
    );
  }
  return (
    <span className="row confirm-inline">
      <button
        type="button"
        className="button small danger"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button small ghost" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
