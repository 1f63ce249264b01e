// Server-sent events of one project (GET /api/v1/projects/:id/events). One EventSource per project is
// shared by every hook that listens, and closed when the last one goes. Events carry ids only; each
// feature decides what to refetch. The browser reconnects by itself after a drop; `onReconnect` lets
// features refetch what they may have missed meanwhile.
import { useEffect, useRef } from 'react';

export type LiveEvent =
  | { type: 'ticket'; data: { project_id: number; iid: number; action: 'created' | 'updated' } }
  | { type: 'note'; data: { project_id: number; ticket_iid: number; note_id: number; internal: boolean } }
  | { type: 'inbound'; data: { project_id: number; id: number; state: string } }
  | { type: 'outbound'; data: { project_id: number; id: number; state: string } }
  | { type: 'reconnect'; data: null };

type Listener = (event: LiveEvent) => void;
type Stream = { source: EventSource; listeners: Set<Listener> };

const streams = new Map<number, Stream>();
const TYPES = ['ticket', 'note', 'inbound', 'outbound'] as const;

function open(projectId: number): Stream {
  const existing = streams.get(projectId);
  if (existing) return existing;
  const source = new EventSource(`/api/v1/projects/${projectId}/events`, { withCredentials: true });
  const stream: Stream = { source, listeners: new Set() };
  const emit = (event: LiveEvent) => {
    for (const listener of stream.listeners) listener(event);
  };
  for (const type of TYPES) {
    source.addEventListener(type, (message) => {
      try {
        emit({ type, data: JSON.parse((message as MessageEvent<string>).data) } as LiveEvent);
      } catch {
        // A malformed event is dropped; the next refetch corrects the screen.
      }
    });
  }
  let wasOpen = false;
  source.addEventListener('open', () => {
    if (wasOpen) emit({ type: 'reconnect', data: null });
    wasOpen = true;
  });
  streams.set(projectId, stream);
  return stream;
}

export function subscribe(projectId: number, listener: Listener): () => void {
  const stream = open(projectId);
  stream.listeners.add(listener);
  return () => {
    stream.listeners.delete(listener);
    if (stream.listeners.size === 0) {
      stream.source.close();
      streams.delete(projectId);
    }
  };
}

/** Calls `onEvent` for every live event of the project while the component is mounted. */
export function useLiveEvents(projectId: number | undefined, onEvent: Listener): void {
  const ref = useRef(onEvent);
  ref.current = onEvent;
  useEffect(() => {
    if (!projectId) return;
    return subscribe(projectId, (event) => ref.current(event));
  }, [projectId]);
}
