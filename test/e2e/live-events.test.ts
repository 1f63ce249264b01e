// Live updates over a real socket: GET /projects/:id/events streams what changes — a ticket mailed in
// over SMTP, notes posted through the API — to every open page, each caller hearing only what they may
// read (no internal notes or confidential tickets below reporter, mail only to mail-log readers).
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { DeskEvent } from '../../src/app/events/desk-event.ts';
import type { EventBus } from '../../src/app/events/event-bus.ts';
import { openEventStream, type EventStreamClient, type StreamedEvent } from '../helpers/event-stream-client.ts';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

/** The real bus, counting who listens, so a test can see a closed stream stop listening. */
function countingBus(bus: EventBus): EventBus & { listeners: number } {
  const counting = {
    listeners: 0,
    publish: (event: DeskEvent) => bus.publish(event),
    subscribe(projectId: number, listener: (event: DeskEvent) => void) {
      counting.listeners++;
      const stop = bus.subscribe(projectId, listener);
      return () => {
        counting.listeners--;
        stop();
      };
    },
    close: () => bus.close(),
  };
  return counting;
}

const OPTIONS = { timeout: 30_000 };

describe('live events', () => {
  let desk: MailDesk;
  let bus: ReturnType<typeof countingBus>;
  let baseUrl: string;
  let owner: TestUser;
  let reporter: TestUser;
  let guest: TestUser;
  let outsider: TestUser;
  let projectId: number;
  let address: string;
  const streams: EventStreamClient[] = [];
  let ownerStream: EventStreamClient;
  let reporterStream: EventStreamClient;
  let guestStream: EventStreamClient;

  const open = async (user: TestUser | null, project: number | string = projectId) => {
    const stream = await openEventStream(baseUrl, `/api/v1/projects/${project}/events`, user?.token ?? null);
    streams.push(stream);
    return stream;
  };
  const is = (type: string, data: Record<string, unknown>) => (event: StreamedEvent) =>
    event.type === type && Object.entries(data).every(([key, value]) => event.data[key] === value);

  before(async () => {
    desk = await startMailDesk();
    bus = countingBus(desk.ctx.events);
    desk.ctx.events = bus;
    await desk.http.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(desk.http.server.address() as AddressInfo).port}`;
    owner = await desk.user();
    const project = await desk.project(owner, { path: 'live', visibility: 'private' });
    projectId = project.id;
    reporter = await desk.member(project, { level: 20 });
    guest = await desk.member(project, { level: 10 });
    outsider = await desk.user();
    address = (await desk.request(owner.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
    // Mailed tickets are confidential by default (as in GitLab); here the whole team works them.
    const settings = await desk.request(owner.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { tickets_confidential_by_default: false });
    assert.equal(settings.status, 200, 'mailed tickets visible to the team');
    ownerStream = await open(owner);
    reporterStream = await open(reporter);
    guestStream = await open(guest);
  });
  after(async () => {
    for (const stream of streams) stream.close();
    await desk.close();
  });

  it('answers an event stream that proxies and browsers leave open', OPTIONS, async () => {
    assert.equal(ownerStream.status, 200, 'the stream opens');
    assert.match(String(ownerStream.headers['content-type']), /^text\/event-stream/, 'as text/event-stream');
    assert.equal(ownerStream.headers['cache-control'], 'no-cache', 'never cached');
    assert.equal(ownerStream.headers['x-accel-buffering'], 'no', 'never buffered by nginx');
    assert.equal(bus.listeners, 3, 'each open stream listens');
  });

  it('refuses callers who may not read the tickets, as the tickets list does', OPTIONS, async () => {
    const anonymous = await open(null);
    assert.equal(anonymous.status, 401, 'no credentials');
    const stranger = await open(outsider);
    assert.equal(stranger.status, 404, 'a private project is invisible to non-members');
    const missing = await open(owner, 987654);
    assert.equal(missing.status, 404, 'no such project');
    assert.equal(bus.listeners, 3, 'a refused stream never listens');
  });

  it('shows a ticket mailed over SMTP on every open page, and its mail only to mail-log readers', OPTIONS, async () => {
    await desk.send({ from: 'carol@client.test', to: address, subject: 'Printer down', text: 'It will not print.' });
    const created = { project_id: projectId, iid: 1, action: 'created' };
    for (const stream of [ownerStream, reporterStream, guestStream]) {
      const event = await stream.waitFor(is('ticket', { iid: 1 }));
      assert.deepEqual(event.data, created, 'ids only, in the contract’s shape');
    }
    const inbound = await ownerStream.waitFor(is('inbound', { state: 'processed' }));
    assert.deepEqual(Object.keys(inbound.data).sort(), ['id', 'project_id', 'state'], 'an inbound event carries ids and state');
    // `sending` is recorded before the relay is contacted: heard however the delivery then goes.
    const outbound = await ownerStream.waitFor(is('outbound', { state: 'sending' }));
    assert.equal(outbound.data.project_id, projectId, 'the thank-you’s delivery is heard');
  });

  it('hears notes, but a guest never hears an internal note', OPTIONS, async () => {
    const internal = await desk.request(reporter.token, 'POST', `/api/v1/projects/${projectId}/tickets/1/notes`, { body: 'Customer owes us', internal: true });
    assert.equal(internal.status, 201, 'internal note added');
    const comment = await desk.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets/1/notes`, { body: 'We are on it.' });
    assert.equal(comment.status, 201, 'comment added');
    const internalNote = { project_id: projectId, ticket_iid: 1, note_id: internal.body.id, internal: true };
    assert.deepEqual((await ownerStream.waitFor(is('note', { note_id: internal.body.id }))).data, internalNote, 'the owner hears the internal note');
    assert.deepEqual((await reporterStream.waitFor(is('note', { note_id: internal.body.id }))).data, internalNote, 'so does its reporter');
    // Events arrive in order: once the guest has the later comment, the internal note would have come first.
    await guestStream.waitFor(is('note', { note_id: comment.body.id }));
    assert.equal(guestStream.events.filter(is('note', { internal: true })).length, 0, 'the guest never hears of an internal note');
    assert.equal(guestStream.events.filter((e) => e.type === 'inbound' || e.type === 'outbound').length, 0, 'nor of mail');
    assert.equal(reporterStream.events.filter((e) => e.type === 'inbound' || e.type === 'outbound').length, 0, 'mail is for mail-log readers');
  });

  it('keeps confidential tickets from a guest, except the guest’s own', OPTIONS, async () => {
    const secret = await desk.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets`, { title: 'Salary review', confidential: true });
    assert.equal(secret.status, 201, 'confidential ticket opened');
    await desk.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets/${secret.body.iid}/notes`, { body: 'Numbers attached.' });
    const own = await desk.request(guest.token, 'POST', `/api/v1/projects/${projectId}/tickets`, { title: 'My own secret', confidential: true });
    assert.equal(own.status, 201, 'the guest opens a confidential ticket');
    await reporterStream.waitFor(is('note', { ticket_iid: secret.body.iid }));
    assert.ok(reporterStream.events.some(is('ticket', { iid: secret.body.iid })), 'a reporter hears of the confidential ticket');
    await guestStream.waitFor(is('ticket', { iid: own.body.iid, action: 'created' }));
    const aboutSecret = guestStream.events.filter((e) => e.data.iid === secret.body.iid || e.data.ticket_iid === secret.body.iid);
    assert.deepEqual(aboutSecret, [], 'the guest hears nothing of a confidential ticket they did not open');
  });

  it('hears ticket changes with their system notes', OPTIONS, async () => {
    const closed = await desk.request(reporter.token, 'PUT', `/api/v1/projects/${projectId}/tickets/1`, { state_event: 'close' });
    assert.equal(closed.status, 200, 'closed');
    await guestStream.waitFor(is('ticket', { iid: 1, action: 'updated' }));
    const notes = await desk.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets/1/notes?per_page=100`);
    const systemNote = notes.body.findLast((n: any) => n.system && n.body === 'closed');
    assert.ok(systemNote, 'the change left a system note');
    const heard = await guestStream.waitFor(is('note', { note_id: systemNote.id }));
    assert.deepEqual(heard.data, { project_id: projectId, ticket_iid: 1, note_id: systemNote.id, internal: false }, 'and it is announced');
  });

  it('stops listening when the client goes away', OPTIONS, async () => {
    const extra = await open(owner);
    assert.equal(extra.status, 200);
    assert.equal(bus.listeners, 4, 'one more listener');
    extra.close();
    await extra.ended;
    // The server sees the socket close on its next turn; ask until it has (no time limit but the test's).
    const listening = () => bus.listeners;
    while (listening() !== 3) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(bus.listeners, 3, 'its listener is gone');
  });
});
