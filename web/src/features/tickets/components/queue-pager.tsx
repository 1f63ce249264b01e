type Props = { page: number; hasNext: boolean; total: number | string | null; shown: number; onPrevious: () => void; onNext: () => void };

/** Keyset paging: previous goes back through the cursors seen, next follows X-Next-Cursor. */
export function QueuePager({ page, hasNext, total, shown, onPrevious, onNext }: Props) {
  if (page === 0 && !hasNext) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="button" disabled={page === 0} onClick={onPrevious}>
        Previous
      </button>
      <span className="muted small">
        Page {page + 1}
        {total !== null ? ` · ${shown} of ${total}` : ''}
      </span>
      <button type="button" className="button" disabled={!hasNext} onClick={onNext}>
        Next
      </button>
    </nav>
  );
}
