// One open text/event-stream (the HTML Living Standard's server-sent events): each event the caller may
// hear is written as `event: <type>` + `data: <json>`; a `: ping` comment every 15 s keeps proxies and
// the browser from giving up on a quiet stream, and is also when the caller's access is checked again
// (a revoked token, a removed member or a deleted project ends the stream). The stream takes its
// socket out of the server's timeouts, never buffers more than a little for a client that stopped
// reading, and ends when the client goes or the server closes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DeskEvent } from '../../app/events/desk-event.ts';
import type { EventBus } from '../../app/events/event-bus.ts';
import type { ProjectEventWatch } from '../../app/events/watch-project-events.ts';

export const HEARTBEAT_MS = 15_000;
/** A client this far behind (bytes queued) has stopped reading; it reconnects and refetches. */
const MAX_BUFFERED_BYTES = 256 * 1024;

export interface EventStreamOptions {
  bus: EventBus;
  watch: ProjectEventWatch;
  /** Asks again whether the caller may still watch; throwing ends the stream. */
  recheck(): Promise<ProjectEventWatch>;
  heartbeatMs?: number;
}

/** Streams open per server, so closing the server ends them instead of waiting for every browser. */
const openStreams = new WeakMap<FastifyInstance, Set<() => void>>();

export function endEventStreamsOnClose(app: FastifyInstance): void {
  app.addHook('preClose', async () => {
    for (const end of [...(openStreams.get(app) ?? [])]) end();
  });
}

export const formatEvent = (event: DeskEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;

export function streamProjectEvents(request: FastifyRequest, reply: FastifyReply, options: EventStreamOptions): void {
  let watch = options.watch;
  const raw = reply.raw;
  reply.hijack();
  // Server-sent events are exempt from the server's idle timeouts: the heartbeat shows the client is there.
  request.raw.socket?.setTimeout?.(0);
  raw.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no', // nginx: pass each event on at once
    'X-Content-Type-Options': 'nosniff',
    Connection: 'keep-alive',
  });
  const write = (text: string) => {
    if (raw.writableLength > MAX_BUFFERED_BYTES) return end();
    raw.write(text);
  };
  // Sent at once so the client knows the stream is open (and proxies flush the headers).
  write(': connected\n\n');

  const unsubscribe = options.bus.subscribe(watch.projectId, (event) => {
    if (watch.mayHear(event)) write(formatEvent(event));
  });
  const heartbeat = setInterval(() => {
    options.recheck().then(
      (fresh) => {
        watch = fresh;
        write(': ping\n\n');
      },
      () => end(),
    );
  }, options.heartbeatMs ?? HEARTBEAT_MS);

  const streams = openStreams.get(request.server) ?? new Set<() => void>();
  openStreams.set(request.server, streams);
  let ended = false;
  function end() {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    streams.delete(end);
    if (!raw.writableEnded) raw.end();
  }
  streams.add(end);
  raw.on('close', end);
  raw.on('error', end);
}
