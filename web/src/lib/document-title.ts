import { useEffect } from 'react';

/** Sets the tab's title ("#12 Refund · Postdesk"), so an agent with many tabs finds the right one. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Postdesk` : 'Postdesk';
  }, [title]);
}
