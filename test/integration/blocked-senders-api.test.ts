// The blocked-senders API (issue 9) and who may use it (domain/policy.ts): reporters read the list, only
// maintainers (and admins) block and unblock; a guest neither; a maintainer of another project neither sees
// nor touches it (404 for a private project), nor blocks the sender of a message it did not receive.
// Entries are checked and stored in one form; a second block of the same value is a 409.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { receiveInboundMessage } from '../../src/app/inbound/receive-inbound-message.ts';
import type { JobRow } from '../../src/db/schema/jobs.ts';
import type { ProjectRow } from '../../src/db/schema/projects.ts';
import { ingestJobHandler } from '../../src/mail/inbound/ingest-job.ts';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';

describe('blocked senders API and permissions', () => {
  let t: TestApp;
  let project: ProjectRow;
  let maintainer: TestUser;
  let reporter: TestUser;
  let guest: TestUser;
  let stranger: TestUser;
  let admin: TestUser;
  let messageId: number;

  before(async () => {
    t = await startTestApp({ env: { INCOMING_EMAIL_ADDRESS: 'support+%{key}@desk.test' } });
    const owner = await t.user();
    project = await t.project(owner, { path: 'guarded' });
    maintainer = await t.member(project, { level: 40 });
    reporter = await t.member(project, { level: 20 });
    guest = await t.member(project, { level: 10 });
    admin = await t.user({ admin: true });
    const other = await t.project(owner, { path: 'elsewhere' });
    stranger = await t.member(other, { level: 40 });
    const desk = (await t.request(maintainer.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.incoming_address;
    const raw = Buffer.from(['From: Nuisance <nuisance@pest.test>', `To: ${desk}`, 'Subject: hello', 'Message-ID: <n1@pest.test>', '', 'hi', ''].join('\r\n'));
    messageId = (await receiveInboundMessage(t.ctx, { raw, channel: 'smtp', envelopeFrom: 'nuisance@pest.test', envelopeTo: [desk] })).id;
    await ingestJobHandler(t.ctx).run({ inboundMessageId: messageId }, {} as JobRow);
  });
  after(() => t.close());

  const list = (user: TestUser) => t.request(user.token, 'GET', `/api/v1/projects/${project.id}/blocked_senders`);
  const add = (user: TestUser, body: unknown) => t.request(user.token, 'POST', `/api/v1/projects/${project.id}/blocked_senders`, body);
  const remove = (user: TestUser, id: number) => t.request(user.token, 'DELETE', `/api/v1/projects/${project.id}/blocked_senders/${id}`);

  it('lets a maintainer block an address and a domain, stored lower-case, and refuses what is neither or already there', async () => {
    const address = await add(maintainer, { value: '  Bad.Actor@Example.COM ', note: '  phishing  ' });
    assert.equal(address.status, 201, JSON.stringify(address.body));
    assert.deepEqual(
      { kind: address.body.kind, value: address.body.value, note: address.body.note, by: address.body.created_by.username },
      { kind: 'address', value: 'bad.actor@example.com', note: 'phishing', by: maintainer.user.username },
    );
    assert.equal((await add(maintainer, { value: '@Spam.example' })).body.value, 'spam.example');
    assert.equal((await add(maintainer, { value: 'bad.actor@example.com' })).status, 409, 'the same address again');
    assert.equal((await add(maintainer, { value: 'spam.example' })).status, 409, 'the same domain written without @');
    for (const value of ['', 'com', 'not an address', 'victim@[10.0.0.1]']) {
      const refused = await add(maintainer, { value });
      assert.equal(refused.status, 400, `${JSON.stringify(value)}: ${JSON.stringify(refused.body)}`);
    }
    assert.equal((await add(maintainer, { value: 'x.example', extra: 1 })).status, 400, 'unknown fields are refused');
  });

  it('lets reporters read the list and nothing more; guests not even that', async () => {
    const read = await list(reporter);
    assert.equal(read.status, 200);
    assert.deepEqual(
      (read.body as Array<{ value: string }>).map((b) => b.value),
      ['spam.example', 'bad.actor@example.com'],
    );
    assert.equal((await add(reporter, { value: 'r@example.org' })).status, 403);
    assert.equal((await remove(reporter, read.body[0].id)).status, 403);
    assert.equal((await list(guest)).status, 403);
    assert.equal((await add(guest, { value: 'g@example.org' })).status, 403);
    assert.equal((await remove(guest, read.body[0].id)).status, 403);
  });

  it('keeps a maintainer of another project out: the project is not found, its entries and messages untouched', async () => {
    const [entry] = (await list(maintainer)).body as Array<{ id: number }>;
    assert.equal((await list(stranger)).status, 404);
    assert.equal((await add(stranger, { value: 's@example.org' })).status, 404);
    assert.equal((await remove(stranger, entry!.id)).status, 404);
    // Their own project's id with this project's entry: not theirs to remove.
    const theirs = (await t.request(stranger.token, 'GET', '/api/v1/projects/elsewhere')).body.id;
    assert.equal((await t.request(stranger.token, 'DELETE', `/api/v1/projects/${theirs}/blocked_senders/${entry!.id}`)).status, 404);
    assert.equal((await t.request(stranger.token, 'POST', `/api/v1/inbound_messages/${messageId}/block_sender`)).status, 404);
    assert.equal((await list(maintainer)).body.length, 2, 'nothing changed');
  });

  it("blocks a message's sender for maintainers and admins only", async () => {
    const block = (user: TestUser, body?: unknown) => t.request(user.token, 'POST', `/api/v1/inbound_messages/${messageId}/block_sender`, body);
    assert.equal((await block(reporter)).status, 404, 'reporters do not see the mail log');
    assert.equal((await block(guest)).status, 404);
    assert.equal((await block(maintainer, { scope: 'everything' })).status, 400);
    const byAdmin = await block(admin, { scope: 'domain' });
    assert.equal(byAdmin.status, 201, JSON.stringify(byAdmin.body));
    assert.equal(byAdmin.body.value, 'pest.test');
    const byMaintainer = await block(maintainer);
    assert.equal(byMaintainer.status, 201, JSON.stringify(byMaintainer.body));
    assert.equal(byMaintainer.body.value, 'nuisance@pest.test');
    assert.equal((await remove(maintainer, byAdmin.body.id)).status, 204);
    assert.equal((await remove(maintainer, byAdmin.body.id)).status, 404, 'gone already');
  });
});
