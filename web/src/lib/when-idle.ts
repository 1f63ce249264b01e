/**
 * Runs `work` once the browser has nothing more urgent to do (requestIdleCallback, or a short timer where
 * it is missing: Safari), at the latest after two seconds. Returns what cancels it, for an effect's cleanup.
 */
export function whenIdle(work: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(work, { timeout: 2_000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(work, 200);
  return () => window.clearTimeout(id);
}
