import { useEffect, useState } from 'react';

/**
 * The current time, renewed every `everyMs`: "just now" must age while the page stays open, and a polled
 * list whose answer did not change does not render again by itself.
 */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
