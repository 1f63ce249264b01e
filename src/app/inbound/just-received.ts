// The bytes of mail this process has just stored, kept a little while for the ingest job that usually runs
// here a moment later: it takes them instead of reading them back from the database (a statement per mail
// saved, and a large mail is not held twice: issue 10). Only a shortcut: a job that finds nothing here (it
// runs on another node, it is a retry, the bytes were pushed out) reads the stored copy, which is the same.
export interface JustReceived {
  keep(id: number, raw: readonly Buffer[]): void;
  /** The bytes of message `id`, once: they are handed over (and lent on to a worker thread). */
  take(id: number): readonly Buffer[] | undefined;
}

interface Kept {
  raw: readonly Buffer[];
  bytes: number;
  until: number;
}

export function justReceived(options: { maxBytes?: number; keepMs?: number; now?: () => number } = {}): JustReceived {
  const { maxBytes = 32 * 1_048_576, keepMs = 60_000, now = Date.now } = options;
  const kept = new Map<number, Kept>(); // insertion order: the oldest first
  let total = 0;
  const drop = (id: number) => {
    total -= kept.get(id)?.bytes ?? 0;
    kept.delete(id);
  };
  return {
    keep(id, raw) {
      const bytes = raw.reduce((sum, piece) => sum + piece.length, 0);
      if (bytes > maxBytes) return;
      for (const [oldest, entry] of kept) {
        if (total + bytes <= maxBytes && entry.until > now()) break;
        drop(oldest);
      }
      kept.set(id, { raw, bytes, until: now() + keepMs });
      total += bytes;
    },
    take(id) {
      const entry = kept.get(id);
      drop(id);
      return entry && entry.until > now() ? entry.raw : undefined;
    },
  };
}
