/** A quiet loading line; no animation so screenshots and tests never wait on it. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
