// A streaming client for text/event-stream over a real socket: collects events and comments as they
// arrive, and waits for the one a test expects (events arrive in order, so "X came before marker M" is
// a complete check that X was or was not sent).
import { request, type IncomingHttpHeaders } from 'node:http';

export interface StreamedEvent {
  type: string;
  data: any;
}

export interface EventStreamClient {
  status: number;
  headers: IncomingHttpHeaders;
  events: StreamedEvent[];
  comments: string[];
  /** Resolves with the first event (already received or still to come) for which `match` is true. */
  waitFor(match: (event: StreamedEvent) => boolean): Promise<StreamedEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function openEventStream(baseUrl: string, path: string, token: string | null): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), {
      headers: { accept: 'text/event-stream', ...(token && { authorization: `Bearer ${token}` }) },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const events: StreamedEvent[] = [];
      const comments: string[] = [];
      const waiters: Array<{ match: (e: StreamedEvent) => boolean; resolve: (e: StreamedEvent) => void }> = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const event = parseBlock(block, comments);
          if (!event) continue;
          events.push(event);
          for (const waiter of [...waiters]) {
            if (waiter.match(event)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(event);
            }
          }
        }
      });
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        ended,
        waitFor: (match) => {
          const seen = events.find(match);
          return seen ? Promise.resolve(seen) : new Promise((done) => waiters.push({ match, resolve: done }));
        },
        close: () => req.destroy(),
      });
    });
    req.end();
  });
}

function parseBlock(block: string, comments: string[]): StreamedEvent | null {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) comments.push(line.slice(1).trim());
    else if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  return data.length ? { type, data: JSON.parse(data.join('\n')) } : null;
}
