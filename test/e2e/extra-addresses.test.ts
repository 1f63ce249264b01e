// Extra addresses per project (GitLab issue 6395): `support+<slug>-<key>@…` opens a ticket with the
// address's labels, is the project's own (never a Cc participant), and stops working once removed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

describe('extra addresses that pre-label tickets', () => {
  let desk: MailDesk;
  let agent: TestUser;
  let projectId: number;

  before(async () => {
    desk = await startMailDesk();
    agent = await desk.user();
    projectId = (await desk.project(agent, { path: 'acme' })).id;
    await desk.request(agent.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { add_external_participants_from_cc: true });
  });
  after(() => desk.close());

  const api = (method: string, path: string, body?: unknown) => desk.request(agent.token, method, `/api/v1/projects/${projectId}${path}`, body);
  const lastInbound = async () => (await desk.request(agent.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0];

  it('answers the full address, lists it, and refuses a taken or malformed key', async () => {
    const created = await api('POST', '/service_desk/addresses', { key: 'billing', labels: ['billing', ' billing ', 'finance'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.address, 'support+acme-billing@desk.test');
    assert.deepEqual(created.body.labels, ['billing', 'finance']);
    assert.deepEqual(
      (await api('GET', '/service_desk/addresses')).body.map((a: { key: string }) => a.key),
      ['billing'],
    );
    assert.equal((await api('POST', '/service_desk/addresses', { key: 'billing', labels: [] })).status, 409);
    for (const key of ['Bad-Key', 'unsubscribe', 'issue', ''])
      assert.equal((await api('POST', '/service_desk/addresses', { key, labels: [] })).status, 400, key);
  });

  it('mail to it opens a labelled ticket, matched_by extra_address; the address is never a participant', async () => {
    await desk.send({
      from: 'payer@client.test',
      to: 'support+acme-billing@desk.test',
      cc: ['support+acme-billing@desk.test', 'cfo@client.test'],
      subject: 'Invoice 42',
      text: 'Wrong amount',
    });
    await desk.settle();
    const message = await lastInbound();
    assert.equal(message.state, 'processed', JSON.stringify(message));
    assert.equal(message.matched_by, 'extra_address');
    const ticket = (await api('GET', `/tickets/${message.ticket_iid}`)).body;
    assert.deepEqual(ticket.labels, ['billing', 'finance']);
    assert.deepEqual(
      ticket.participants.map((p: { email: string }) => p.email),
      ['payer@client.test', 'cfo@client.test'],
    );
  });

  it('mail to the main address still opens an unlabelled ticket', async () => {
    const { incoming_address } = (await api('GET', '/service_desk')).body;
    await desk.send({ from: 'plain@client.test', to: incoming_address, subject: 'Hello', text: 'Plain' });
    await desk.settle();
    const ticket = (await api('GET', `/tickets/${(await lastInbound()).ticket_iid}`)).body;
    assert.deepEqual(ticket.labels, []);
  });

  it('once removed, mail to it is ignored as an unknown address', async () => {
    assert.equal((await api('DELETE', '/service_desk/addresses/billing')).status, 204);
    assert.equal((await api('DELETE', '/service_desk/addresses/billing')).status, 404);
    await desk.send({ from: 'late@client.test', to: 'support+acme-billing@desk.test', subject: 'Too late', text: 'Hello?' });
    await desk.settle();
    // Mail of no project is listed to admins only: read the row.
    const message = await desk.ctx.db.db.selectFrom('inbound_messages').select(['subject', 'state', 'reason']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(message, { subject: 'Too late', state: 'ignored', reason: 'unknown_address' });
  });
});
