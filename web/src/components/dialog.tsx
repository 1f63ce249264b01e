import { type ReactNode, useEffect, useRef } from 'react';

/** A modal dialog on the native <dialog> element: focus trapped by the browser, Escape closes, named by its title. */
export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const titleId = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} aria-modal="true" onClose={onClose}>
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button ghost" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      {open ? children : null}
    </dialog>
  );
}
