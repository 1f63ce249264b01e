// The mailboxes API (issue 8): maintainers connect a project's own IMAP mailbox; the password is sealed
// with SECRET_KEY and never returned; GET /mailboxes shows admins every mailbox (the instance's IMAP_URL one
// too) and maintainers their projects'. Everyone else is refused by the server: 403 for what they see, 404
// for a project they cannot see.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { syncInstanceMailbox } from '../../src/app/mailboxes/mailbox-readers.ts';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';

const PASSWORD = 'S3cret:/@%pass';
const urlFor = (user: string, password = PASSWORD) => `imaps://${encodeURIComponent(user)}:${encodeURIComponent(password)}@imap.customer.example/Support`;

describe('mailboxes API', () => {
  let t: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  let projectId: number;
  const roles: Record<string, TestUser> = {};

  before(async () => {
    t = await startTestApp({ env: { IMAP_URL: 'imap://desk%40desk.test:instance-pw@127.0.0.1:1143/INBOX' } });
    await syncInstanceMailbox(t.ctx); // what the IMAP receiver does when `serve` starts
    admin = await t.user({ admin: true });
    owner = await t.user();
    const project = await t.project(owner, { visibility: 'private' });
    projectId = project.id;
    for (const [name, level] of [
      ['maintainer', 40],
      ['developer', 30],
      ['reporter', 20],
      ['guest', 10],
    ] as const)
      roles[name] = await t.member(project, { level });
    roles.stranger = await t.user();
  });
  after(() => t.close());

  const path = () => `/api/v1/projects/${projectId}/mailboxes`;

  it('lets a maintainer add a mailbox: 201, password masked in the answer and sealed in the database', async () => {
    const created = await t.request(roles.maintainer!.token, 'POST', path(), { imap_url: urlFor('help@customer.example'), move_to: 'Done' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.url_without_password, 'imaps://help%40customer.example:*****@imap.customer.example:993/Support');
    assert.equal(created.body.identity, 'help%40customer.example@imap.customer.example:993/Support', 'the identity names the mailbox, not the password');
    assert.equal(created.body.project_id, projectId);
    assert.equal(created.body.move_to, 'Done');
    assert.equal(created.body.connected, false);
    assert.ok(!JSON.stringify(created.body).includes('S3cret'), 'the answer never carries the password');
    const row = await t.ctx.db.db.selectFrom('mailboxes').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    assert.ok(row.password_sealed && !row.password_sealed.includes('S3cret'), 'stored sealed, not in clear');
    assert.equal(t.ctx.secrets.open(row.password_sealed, 'imap_password'), PASSWORD);
    const listed = await t.request(roles.maintainer!.token, 'GET', path());
    assert.deepEqual(
      listed.body.map((m: { id: number }) => m.id),
      [created.body.id],
    );
  });

  it('refuses a bad URL (400 naming imap_url) and a mailbox already read (409), the instance one included', async () => {
    const bad = await t.request(owner.token, 'POST', path(), { imap_url: 'imap://nopassword@imap.customer.example/INBOX' });
    assert.equal(bad.status, 400);
    assert.ok(bad.body.details?.imap_url, 'details name imap_url');
    const again = await t.request(owner.token, 'POST', path(), { imap_url: urlFor('HELP@customer.example', 'another password') });
    assert.equal(again.status, 409, 'the same account and folder, whatever the password or case of the user');
    const instance = await t.request(owner.token, 'POST', path(), { imap_url: 'imap://desk%40desk.test:x@127.0.0.1:1143/INBOX' });
    assert.equal(instance.status, 409);
  });

  it('refuses developers, reporters and guests (403) and strangers to a private project (404), on every route', async () => {
    const [mailbox] = (await t.request(owner.token, 'GET', path())).body as { id: number }[];
    for (const [name, expected] of [
      ['developer', 403],
      ['reporter', 403],
      ['guest', 403],
      ['stranger', 404],
    ] as const) {
      const token = roles[name]!.token;
      assert.equal((await t.request(token, 'GET', path())).status, expected, `${name} GET`);
      assert.equal((await t.request(token, 'POST', path(), { imap_url: urlFor(`${name}@customer.example`) })).status, expected, `${name} POST`);
      assert.equal((await t.request(token, 'DELETE', `${path()}/${mailbox!.id}`)).status, expected, `${name} DELETE`);
    }
    assert.equal((await t.request(null, 'GET', '/api/v1/mailboxes')).status, 401);
  });

  it("GET /mailboxes: admins see every mailbox, maintainers their projects', others none", async () => {
    const other = await t.project(admin);
    assert.equal((await t.request(admin.token, 'POST', `/api/v1/projects/${other.id}/mailboxes`, { imap_url: urlFor('other@customer.example') })).status, 201);
    const all = (await t.request(admin.token, 'GET', '/api/v1/mailboxes')).body as Array<{ project_id: number | null; url_without_password: string }>;
    assert.deepEqual(all.map((m) => m.project_id).sort(), [null, projectId, other.id].sort());
    const instance = all.find((m) => m.project_id === null)!;
    assert.equal(instance.url_without_password, 'imap://desk%40desk.test:*****@127.0.0.1:1143/INBOX');
    const mine = (await t.request(roles.maintainer!.token, 'GET', '/api/v1/mailboxes')).body as Array<{ project_id: number }>;
    assert.deepEqual(
      mine.map((m) => m.project_id),
      [projectId],
    );
    for (const name of ['developer', 'reporter', 'guest', 'stranger'])
      assert.deepEqual((await t.request(roles[name]!.token, 'GET', '/api/v1/mailboxes')).body, [], `${name} sees none`);
  });

  it('lets a maintainer remove a mailbox (204), then 404 for it', async () => {
    const [mailbox] = (await t.request(owner.token, 'GET', path())).body as { id: number }[];
    assert.equal((await t.request(roles.maintainer!.token, 'DELETE', `${path()}/${mailbox!.id}`)).status, 204);
    assert.equal((await t.request(roles.maintainer!.token, 'DELETE', `${path()}/${mailbox!.id}`)).status, 404);
    assert.deepEqual((await t.request(owner.token, 'GET', path())).body, []);
  });
});
