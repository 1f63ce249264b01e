// The stream itself over a real socket, with a short heartbeat: pings arrive, access is checked at each
// one, and a failed check or a closing server ends the stream and its subscription.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import Fastify from 'fastify';
import { openEventStream } from '../../../test/helpers/event-stream-client.ts';
import { createInProcessEventBus } from '../../app/events/in-process-event-bus.ts';
import type { EventBus } from '../../app/events/event-bus.ts';
import type { ProjectEventWatch } from '../../app/events/watch-project-events.ts';
import { endEventStreamsOnClose, streamProjectEvents } from './event-stream.ts';

const watch: ProjectEventWatch = { projectId: 5, mayHear: (event) => event.type !== 'inbound' };

async function serve(bus: EventBus, recheck: () => Promise<ProjectEventWatch>) {
  const app = Fastify();
  endEventStreamsOnClose(app);
  app.get('/events', async (request, reply) => streamProjectEvents(request, reply, { bus, watch, recheck, heartbeatMs: 20 }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

test('pings, filters, and ends when access is lost', { timeout: 20_000 }, async () => {
  const bus = createInProcessEventBus();
  let allowed = true;
  let checks = 0;
  const { app, url } = await serve(bus, async () => {
    checks++;
    if (!allowed) throw new Error('token revoked');
    return watch;
  });
  try {
    const stream = await openEventStream(url, '/events', null);
    assert.equal(stream.status, 200);
    bus.publish({ type: 'inbound', data: { project_id: 5, id: 1, state: 'processed' } });
    bus.publish({ type: 'outbound', data: { project_id: 5, id: 2, state: 'sent' } });
    bus.publish({ type: 'outbound', data: { project_id: 6, id: 3, state: 'sent' } });
    const heard = await stream.waitFor((e) => e.type === 'outbound');
    assert.deepEqual(heard.data, { project_id: 5, id: 2, state: 'sent' });
    assert.equal(stream.events.length, 1, 'the filtered and the other project’s events are not sent');
    while (!stream.comments.includes('ping')) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.ok(checks >= 1, 'access is checked again at each ping');
    allowed = false;
    await stream.ended;
    assert.ok(checks >= 2, 'the failed check ended the stream');
  } finally {
    await app.close();
  }
});

test('closing the server ends open streams instead of waiting for the browser', { timeout: 20_000 }, async () => {
  const bus = createInProcessEventBus();
  const { app, url } = await serve(bus, async () => watch);
  const stream = await openEventStream(url, '/events', null);
  assert.equal(stream.status, 200);
  // Without the preClose hook, close() would wait for this client forever (and the test time out).
  await app.close();
  await stream.ended;
});
