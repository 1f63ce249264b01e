// The composer's draft for one ticket, kept in localStorage so a reload, a crash or a detour to another
// ticket loses nothing.
import { useEffect, useState } from 'react';
import { readItem, writeItem } from '../../../lib/storage.ts';

/** `since`: the newest note id when the agent started writing (the collision guard compares against it). */
export type Draft = { body: string; internal: boolean; since: number | null };

const keyFor = (project: string, iid: number) => `postdesk.draft.${project}.${iid}`;

function read(key: string): Draft {
  try {
    const saved = JSON.parse(readItem(key) ?? 'null') as Partial<Draft> | null;
    return {
      body: typeof saved?.body === 'string' ? saved.body : '',
      internal: saved?.internal === true,
      since: typeof saved?.since === 'number' ? saved.since : null,
    };
  } catch {
    return { body: '', internal: false, since: null };
  }
}

export function useDraft(project: string, iid: number) {
  const key = keyFor(project, iid);
  const [draft, setDraft] = useState<Draft>(() => read(key));
  useEffect(() => setDraft(read(key)), [key]);
  useEffect(() => {
    const timer = window.setTimeout(() => writeItem(key, draft.body ? JSON.stringify(draft) : null), 300);
    return () => window.clearTimeout(timer);
  }, [key, draft]);
  const clear = () => {
    writeItem(key, null);
    setDraft({ body: '', internal: draft.internal, since: null });
  };
  return { draft, setDraft, clear };
}
