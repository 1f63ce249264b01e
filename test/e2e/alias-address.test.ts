// The alias mailbox (SERVICE_DESK_ALIAS_ADDRESS) over real SMTP: `<slug>-<project_key>` keys (SD-08, SD-10),
// read from To only (SD-11), while the main address keeps working.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';

describe('the alias address', () => {
  let desk: MailDesk;
  before(async () => {
    desk = await startMailDesk({ env: { SERVICE_DESK_ALIAS_ADDRESS: 'contact+%{key}@desk.test' } });
  });
  after(() => desk.close());

  it('routes <slug>-<project_key> on the alias, and the main address as well', async () => {
    const owner = await desk.user({ admin: true });
    const project = await desk.project(owner, { path: 'my-group/shop' });
    const settings = (await desk.request(owner.token, 'PUT', `/api/v1/projects/${project.id}/service_desk`, { project_key: 'support' })).body;
    assert.equal(settings.alias_address, 'contact+my-group-shop-support@desk.test');
    assert.equal(settings.service_desk_address, settings.alias_address, 'the alias is the address to hand out (SD-12)');

    await desk.send({ from: 'a@client.test', to: settings.alias_address, subject: 'Via the alias', text: 'hi' });
    await desk.send({ from: 'b@client.test', to: settings.incoming_address, subject: 'Via the main address', text: 'hi' });
    await desk.settle();
    const inbound = (await desk.request(owner.token, 'GET', `/api/v1/inbound_messages?project_id=${project.id}`)).body;
    assert.deepEqual(inbound.map((m: { subject: string; matched_by: string }) => [m.subject, m.matched_by]).sort(), [
      ['Via the alias', 'alias'],
      ['Via the main address', 'project_key'],
    ]);
  });

  it('does not route by an alias address found only in Cc (SD-11)', async () => {
    const owner = await desk.user({ admin: true });
    const project = await desk.project(owner, { path: 'cc-only' });
    const alias = (await desk.request(owner.token, 'PUT', `/api/v1/projects/${project.id}/service_desk`, { project_key: 'help' })).body.alias_address;
    // Delivered to the alias mailbox by envelope, but the headers name it only in Cc; the envelope is the
    // real recipient, so to test the header rule the envelope names a different alias address of ours.
    await desk.sendRaw(
      `From: c@client.test\r\nTo: someone@client.test\r\nCc: ${alias}\r\nSubject: Cc only\r\nMessage-ID: <cc-only@client.test>\r\n\r\nhi\r\n`,
      { from: 'c@client.test', to: ['contact+nobody-nokey@desk.test'] },
    );
    await desk.settle();
    const [latest] = (await desk.request(owner.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body;
    assert.equal(latest.subject, 'Cc only');
    assert.equal(latest.state, 'ignored');
    assert.equal(latest.project_id, null);
  });
});

describe('project addresses over SMTP', () => {
  let desk: MailDesk;
  before(async () => {
    desk = await startMailDesk();
  });
  after(() => desk.close());

  it('stops routing a renamed project’s old address (SD-05) and routes the legacy path form (SD-06)', async () => {
    const owner = await desk.user({ admin: true });
    const project = await desk.project(owner, { path: 'old-name' });
    const oldAddress = (await desk.request(owner.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.incoming_address;
    await desk.request(owner.token, 'PUT', `/api/v1/projects/${project.id}`, { path: 'new-name' });
    const newAddress = (await desk.request(owner.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.incoming_address;
    assert.equal(newAddress, `support+new-name-${project.id}-issue-@desk.test`);

    await desk.send({ from: 'stale@client.test', to: oldAddress, subject: 'To the old address', text: 'hi' });
    await desk.settle();
    const [stale] = (await desk.request(owner.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body;
    assert.equal(stale.state, 'ignored');
    assert.equal(stale.reason, 'project_not_found');
    const toStale = desk.sink.mails.filter((m) => m.envelopeTo[0] === 'stale@client.test');
    assert.deepEqual(
      toStale.map((m) => m.parsed.subject),
      ['[Rejected] To the old address'],
      'its writer is told, once (SD-25 ProjectNotFound)',
    );

    const grouped = await desk.project(owner, { path: 'grp/app' });
    await desk.send({ from: 'legacy@client.test', to: 'support+grp/app@desk.test', subject: 'Legacy form', text: 'hi' });
    await desk.settle();
    const [legacy] = (await desk.request(owner.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body;
    assert.equal(legacy.state, 'processed');
    assert.equal(legacy.project_id, grouped.id);
  });
});
