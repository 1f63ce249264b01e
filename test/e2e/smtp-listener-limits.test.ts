// The SMTP listener on the open internet (issue 9): a cap on connections, per client address and in all,
// idle connections closed, and RCPT refusing addresses whose key has none of our key shapes. Real sockets
// against the real listener, with the limits made small.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { SMTPServer } from 'smtp-server';
import { createSmtpReceiver } from '../../src/mail/inbound/smtp-receiver.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/** A client that reads the server's replies line by line. */
async function dial(port: number): Promise<{ socket: Socket; next(): Promise<string>; send(line: string): Promise<string>; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      // Multi-line replies (250-…) end with the line whose code is followed by a space.
      if (/^\d{3}-/.test(line)) continue;
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => {});
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const line = lines.shift();
      if (line !== undefined) return resolve(line);
      const timer = setTimeout(() => reject(new Error('no reply within 5 s')), 5000);
      waiting.push((l) => {
        clearTimeout(timer);
        resolve(l);
      });
    });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    next,
    send: (line) => {
      socket.write(`${line}\r\n`);
      return next();
    },
    closed,
  };
}

describe('the SMTP listener’s limits', () => {
  let t: TestApp;
  const servers: SMTPServer[] = [];
  const listen = async (limits: { maxConnections: number; perAddress: number; idleTimeoutMs: number }) => {
    const server = createSmtpReceiver({ deps: t.ctx, logger: pino({ level: 'silent' }), limits });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.server.address() as AddressInfo).port;
  };

  before(async () => {
    t = await startTestApp({ env: { INCOMING_EMAIL_ADDRESS: 'support+%{key}@desk.test', PUBLIC_URL: 'http://desk.test' } });
  });
  after(async () => {
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.close();
  });

  it('refuses a connection beyond the cap per client address with 421, and takes one again when one closes', async () => {
    const port = await listen({ maxConnections: 100, perAddress: 3, idleTimeoutMs: 60_000 });
    const open = await Promise.all([1, 2, 3].map(() => dial(port)));
    for (const client of open) assert.match(await client.next(), /^220 /);
    const fourth = await dial(port);
    assert.match(await fourth.next(), /^421 /);
    fourth.socket.destroy();
    open[0]!.socket.end('QUIT\r\n');
    await open[0]!.closed;
    const again = await dial(port);
    assert.match(await again.next(), /^220 /);
    for (const client of [...open.slice(1), again]) client.socket.destroy();
  });

  it('refuses a connection beyond the cap in all', async () => {
    const port = await listen({ maxConnections: 2, perAddress: 100, idleTimeoutMs: 60_000 });
    const open = await Promise.all([1, 2].map(() => dial(port)));
    for (const client of open) assert.match(await client.next(), /^220 /);
    const third = await dial(port);
    assert.match(await third.next(), /^421 /);
    for (const client of [...open, third]) client.socket.destroy();
  });

  it('closes a connection that stays idle', async () => {
    const port = await listen({ maxConnections: 100, perAddress: 100, idleTimeoutMs: 300 });
    const client = await dial(port);
    assert.match(await client.next(), /^220 /);
    const started = Date.now();
    await client.closed;
    assert.ok(Date.now() - started < 5000, 'closed by the server, not by the test');
  });

  it('refuses at RCPT an address whose key has none of our key shapes, and takes every well-formed one', async () => {
    const port = await listen({ maxConnections: 100, perAddress: 100, idleTimeoutMs: 60_000 });
    const client = await dial(port);
    assert.match(await client.next(), /^220 /);
    assert.match(await client.send('EHLO client.test'), /^250 /);
    assert.match(await client.send('MAIL FROM:<someone@client.test>'), /^250 /);
    for (const junk of ['support+x@desk.test', 'support+hello world@desk.test', 'support+!!!@desk.test', 'nobody@desk.test', 'support+a@other.test']) {
      assert.match(await client.send(`RCPT TO:<${junk}>`), /^5\d\d /, junk);
    }
    // A reply key (even one that names nothing: it is recorded and answered [Rejected]), a project by id, a project key on the main
    // address as an extra address, the unsubscribe form.
    for (const good of [
      `support+${'0'.repeat(32)}@desk.test`,
      'support+acme-support-12-issue-@desk.test',
      'support+acme-billing@desk.test',
      `support+${'a'.repeat(32)}-unsubscribe@desk.test`,
    ]) {
      assert.match(await client.send(`RCPT TO:<${good}>`), /^250 /, good);
    }
    client.socket.destroy();
  });
});
