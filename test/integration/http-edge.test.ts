// The HTTP edge against a real listening server (port 0) and raw sockets: a stranger cannot make the
// process read a large body (credentials are checked before the body, and the connection is closed
// rather than drained), only the inbound webhook takes message/rfc822 and only with its secret, JSON is
// capped at 1 MiB, and slow clients are cut off while a long streaming response is not.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildHttpApp } from '../../src/http/app.ts';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';
import { readRawMessage } from '../../src/app/inbound/raw-message.ts';

const SECRET = 'edge-test-webhook-secret-0123456789';
const MAIL_BYTES = 25 * 1024 * 1024;

interface RawClient {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the server has closed the connection. */
  closed: Promise<void>;
  /** Resolves with the status line's code once a response head has arrived. */
  status: Promise<number>;
}

function rawClient(port: number): RawClient {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let onStatus: (code: number) => void = () => {};
  const status = new Promise<number>((resolve) => (onStatus = resolve));
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1');
    const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
    if (match) onStatus(Number(match[1]));
  });
  socket.on('error', () => {}); // a reset by the server is one of the answers we wait for
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, received: () => received, closed, status };
}

const headOf = (method: string, path: string, headers: Record<string, string | number>) =>
  `${method} ${path} HTTP/1.1\r\nHost: edge.test\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;

/** Sends only the head of a request announcing a 25 MB message/rfc822 body, never the body. */
async function announceMail(port: number, path: string, extra: Record<string, string> = {}): Promise<{ status: number; client: RawClient }> {
  const client = rawClient(port);
  client.socket.write(headOf('POST', path, { 'Content-Type': 'message/rfc822', 'Content-Length': MAIL_BYTES, ...extra }));
  const status = await client.status;
  await client.closed;
  return { status, client };
}

describe('HTTP edge: bodies', { timeout: 60_000 }, () => {
  let t: TestApp;
  let port: number;
  let agent: TestUser;
  before(async () => {
    t = await startTestApp({ env: { INBOUND_WEBHOOK_SECRET: SECRET } });
    await t.http.listen({ port: 0, host: '127.0.0.1' });
    port = (t.http.server.address() as AddressInfo).port;
    agent = await t.user();
  });
  after(() => t.close());

  // Each case sends the head only: the answer and the closed connection arrive with 0 body bytes sent,
  // so nothing of the 25 MB was read, buffered or drained.
  it('an anonymous 25 MB message/rfc822 POST to an API route is refused (401) and the connection closed before any body', async () => {
    const { status, client } = await announceMail(port, '/api/v1/projects');
    assert.equal(status, 401);
    assert.match(client.received(), /connection: close/i);
  });

  it('the same to /inbound/mime without the secret, or with a wrong one: 401 before the body', async () => {
    assert.equal((await announceMail(port, '/api/v1/inbound/mime')).status, 401);
    assert.equal((await announceMail(port, '/api/v1/inbound/mime', { Authorization: `Bearer ${SECRET.slice(0, -1)}X` })).status, 401);
    assert.equal((await announceMail(port, '/api/v1/inbound/mime', { Authorization: `Bearer ${agent.token}` })).status, 401, 'a user token is not the secret');
  });

  it('a signed-in user posting message/rfc822 anywhere else gets 415 before the body; a route that does not exist 404', async () => {
    assert.equal((await announceMail(port, '/api/v1/projects', { Authorization: `Bearer ${agent.token}` })).status, 415);
    assert.equal((await announceMail(port, '/api/v1/no-such-route')).status, 404);
  });

  it('JSON bodies are capped at 1 MiB (413)', async () => {
    const big = await t.http.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10), path: 'big' }),
    });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error, 'too_large');
  });

  it('with the secret, /inbound/mime takes a mail larger than the JSON limit', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: a@example.test\r\nTo: support@localhost\r\nSubject: big\r\nMessage-ID: <big@example.test>\r\n\r\n'),
      Buffer.alloc(2 * 1024 * 1024, 'line of text\r\n'),
    ]);
    const stored = await t.http.inject({
      method: 'POST',
      url: '/api/v1/inbound/mime',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'message/rfc822' },
      payload: raw,
    });
    assert.equal(stored.statusCode, 201, stored.body);
    assert.equal((await readRawMessage(t.ctx.db.db, stored.json().id)).length, raw.length);
  });

  it('a browser form is taken only by the routes that declare one (415 elsewhere, so a cross-site form cannot sign anyone in)', async () => {
    const form = await t.http.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `login=${agent.user.username}&password=correct+horse+battery`,
    });
    assert.equal(form.statusCode, 415);
    assert.equal(form.headers['set-cookie'], undefined);
  });
});

describe('HTTP edge: timeouts', { timeout: 60_000 }, () => {
  let t: TestApp;
  let app: FastifyInstance;
  let port: number;
  const PINGS = 20;
  before(async () => {
    t = await startTestApp();
    // Short deadlines, so that a trickle is cut within a test; production uses HTTP_TIMEOUTS.
    app = buildHttpApp(t.ctx, { timeouts: { headersMs: 400, requestMs: 800, idleMs: 800, keepAliveMs: 500 } });
    // A stand-in for the event stream: a response that lasts longer than every deadline above, writing a ping every 100 ms.
    app.get('/test/stream', (_request, reply) => {
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
      let sent = 0;
      const timer = setInterval(() => {
        reply.raw.write(': ping\n\n');
        if (++sent === PINGS) {
          clearInterval(timer);
          reply.raw.end();
        }
      }, 100);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  after(async () => {
    await app.close();
    await t.close();
  });

  /** Writes `text` one byte every 100 ms until the server closes the connection; returns how many bytes went out. */
  async function trickle(client: RawClient, text: string): Promise<number> {
    let sent = 0;
    let open = true;
    client.closed.then(() => (open = false));
    while (open && sent < text.length) {
      client.socket.write(text[sent]!);
      sent++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.closed;
    return sent;
  }

  it('a client trickling its headers byte by byte is cut off', async () => {
    const head = `GET /api/v1/health HTTP/1.1\r\nHost: edge.test\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`;
    const client = rawClient(port);
    const sent = await trickle(client, head);
    assert.ok(sent < head.length, `cut after ${sent} of ${head.length} bytes`);
    assert.doesNotMatch(client.received(), /HTTP\/1\.1 200/, 'the request never completed');
  });

  it('a client trickling its body byte by byte is cut off', async () => {
    const body = JSON.stringify({ login: 'root', password: 'x'.repeat(300) });
    const client = rawClient(port);
    client.socket.write(headOf('POST', '/api/v1/session', { 'Content-Type': 'application/json', 'Content-Length': body.length }));
    const sent = await trickle(client, body);
    assert.ok(sent < body.length, `cut after ${sent} of ${body.length} body bytes`);
  });

  it('a streaming response that outlives the request, header and idle deadlines is not cut', async () => {
    const client = rawClient(port);
    client.socket.write(headOf('GET', '/test/stream', { Accept: 'text/event-stream' }));
    assert.equal(await client.status, 200);
    await client.closed;
    assert.equal(client.received().match(/: ping/g)?.length, PINGS, 'every ping arrived');
    assert.match(client.received(), /\r\n0\r\n\r\n$/, 'the stream ended normally (last chunk), not cut');
  });
});
