// Server-sent events of one project (GET /api/v1/projects/:id/events, by its path). One EventSource per project is
// shared by every hook that listens, and closed when the last one goes. Events carry ids only; each
// feature decides what to refetch. The browser reconnects by itself after a drop; `onReconnect` lets
// features refetch what they may have missed meanwhile.
import { useEffect, useRef } from 'react';
import { projectApiPath } from './api-client.ts';

export type LiveEvent =
  | { type: 'ticket'; data: { project_id: number; iid: number; action: 'created' | 'updated' } }
  | { type: 'note'; data: { project_id: number; ticket_iid: number; note_id: number; internal: boolean } }
  | { type: 'inbound'; data: { project_id: number; id: number; state: string } }
  | { type: 'outbound'; data: { project_id: number; id: number; state: string } }
  | { type: 'reconnect'; data: null };

type Listener = (event: LiveEvent) => void;
type Stream = { source: EventSource | null; listeners: Set<Listener>; retry: number; timer: number | undefined; wasOpen: boolean };

const streams = new Map<string, Stream>();
const TYPES = ['ticket', 'note', 'inbound', 'outbound'] as const;

function emit(stream: Stream, event: LiveEvent) {
  for (const listener of stream.listeners) listener(event);
}

// The browser reconnects by itself after a network drop, but gives up for good on an HTTP error (a
// restart answering 502, a session that expired): then we try again ourselves, backing off to a minute.
function connect(project: string, stream: Stream) {
  const source = new EventSource(`/api/v1${projectApiPath(project)}/events`, { withCredentials: true });
  stream.source = source;
  for (const type of TYPES) {
    source.addEventListener(type, (message) => {
      try {
        emit(stream, { type, data: JSON.parse((message as MessageEvent<string>).data) } as LiveEvent);
      } catch {
        // A malformed event is dropped; the next refetch corrects the screen.
      }
    });
  }
  source.addEventListener('open', () => {
    if (stream.wasOpen) emit(stream, { type: 'reconnect', data: null });
    stream.wasOpen = true;
    stream.retry = 0;
  });
  source.addEventListener('error', () => {
    if (source.readyState !== EventSource.CLOSED || !streams.has(project)) return;
    const delay = Math.min(60_000, 5_000 * 2 ** stream.retry++);
    stream.timer = window.setTimeout(() => {
      if (streams.get(project) === stream) connect(project, stream);
    }, delay);
  });
}

export function subscribe(project: string, listener: Listener): () => void {
  let stream = streams.get(project);
  if (!stream) {
    stream = { source: null, listeners: new Set(), retry: 0, timer: undefined, wasOpen: false };
    streams.set(project, stream);
    connect(project, stream);
  }
  const own = stream;
  own.listeners.add(listener);
  return () => {
    own.listeners.delete(listener);
    if (own.listeners.size === 0) {
      own.source?.close();
      window.clearTimeout(own.timer);
      streams.delete(project);
    }
  };
}

/** Calls `onEvent` for every live event of the project while the component is mounted. */
export function useLiveEvents(project: string | undefined, onEvent: Listener): void {
  const ref = useRef(onEvent);
  ref.current = onEvent;
  useEffect(() => {
    if (!project) return;
    return subscribe(project, (event) => ref.current(event));
  }, [project]);
}
