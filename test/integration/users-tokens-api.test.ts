import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootstrapInstance } from '../../src/app/instance/bootstrap-instance.ts';
import { hashToken } from '../../src/app/secrets.ts';
import { startTestApp, uniqueName, type TestApp } from '../helpers/test-app.ts';

describe('users and personal access tokens', () => {
  let t: TestApp;
  let now = new Date('2026-11-25T12:00:00Z');
  before(async () => {
    t = await startTestApp({ env: { POSTDESK_ROOT_TOKEN: 'root-token-for-tests-0123456789' }, clock: () => now });
  });
  after(() => t.close());

  it('made root (an admin, with POSTDESK_ROOT_TOKEN) and support-bot at first start', async () => {
    const me = await t.request('root-token-for-tests-0123456789', 'GET', '/api/v1/user');
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'root');
    assert.equal(me.body.admin, true);
    const bot = await t.request('root-token-for-tests-0123456789', 'GET', '/api/v1/users?username=support-bot');
    assert.deepEqual(
      bot.body.map((u: any) => [u.username, u.bot]),
      [['support-bot', true]],
    );
  });

  it('lets an admin create users; the password is stored as an argon2id hash', async () => {
    const admin = await t.user({ admin: true });
    const username = uniqueName('carol');
    const created = await t.request(admin.token, 'POST', '/api/v1/users', {
      username,
      email: `${username}@example.test`,
      name: 'Carol',
      password: 'long enough secret',
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.username, username);
    assert.equal(created.body.password, undefined);
    const row = await t.ctx.db.db.selectFrom('users').select('password_hash').where('id', '=', created.body.id).executeTakeFirstOrThrow();
    assert.match(row.password_hash!, /^\$argon2id\$/);
    const again = await t.request(admin.token, 'POST', '/api/v1/users', { username: username.toUpperCase(), email: 'other@example.test', name: 'C' });
    assert.equal(again.status, 409);
  });

  it('shows the token once and keeps only its hash', async () => {
    const alice = await t.user();
    const created = await t.request(alice.token, 'POST', `/api/v1/users/${alice.user.id}/personal_access_tokens`, { name: 'ci', scopes: ['read_api'] });
    assert.equal(created.status, 201);
    assert.match(created.body.token, /^pdt_[A-Za-z0-9_-]{43}$/);
    const stored = await t.ctx.db.db.selectFrom('personal_access_tokens').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    assert.equal(stored.token_hash, hashToken(created.body.token));
    assert.ok(!JSON.stringify(stored).includes(created.body.token), '!JSON.stringify(stored).includes(created.body.token)');
    const listed = await t.request(alice.token, 'GET', `/api/v1/users/${alice.user.id}/personal_access_tokens`);
    assert.equal(listed.status, 200);
    assert.ok(
      listed.body.every((tok: any) => tok.token === undefined),
      'listed.body.every((tok: any) => tok.token === undefined)',
    );
    assert.deepEqual(listed.body.find((tok: any) => tok.id === created.body.id).scopes, ['read_api']);
  });

  it('a read_api token reads but may not write (403 insufficient_scope)', async () => {
    const alice = await t.user({ scopes: ['read_api'] });
    assert.equal((await t.request(alice.token, 'GET', '/api/v1/user')).status, 200);
    const write = await t.request(alice.token, 'POST', '/api/v1/projects', { name: 'X', path: uniqueName('x') });
    assert.equal(write.status, 403);
    assert.equal(write.body.error, 'insufficient_scope');
  });

  it('a token stops working at its expiry date and when revoked', async () => {
    const alice = await t.user();
    const created = await t.request(alice.token, 'POST', `/api/v1/users/${alice.user.id}/personal_access_tokens`, { name: 'short', expires_at: '2026-11-27' });
    assert.equal(created.status, 201);
    assert.equal((await t.request(created.body.token, 'GET', '/api/v1/user')).status, 200);
    now = new Date('2026-11-27T00:00:01Z');
    try {
      assert.equal((await t.request(created.body.token, 'GET', '/api/v1/user')).status, 401);
    } finally {
      now = new Date('2026-11-25T12:00:00Z');
    }
    const past = await t.request(alice.token, 'POST', `/api/v1/users/${alice.user.id}/personal_access_tokens`, { name: 'past', expires_at: '2020-01-01' });
    assert.equal(past.status, 400);
    assert.ok(past.body.details.expires_at, 'past.body.details.expires_at');

    const revoked = await t.request(alice.token, 'POST', `/api/v1/users/${alice.user.id}/personal_access_tokens`, { name: 'gone' });
    // curl and many SDKs send a JSON content type on a bodiless DELETE; that is not an error.
    const deleted = await t.http.inject({
      method: 'DELETE',
      url: `/api/v1/personal_access_tokens/${revoked.body.id}`,
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
    });
    assert.equal(deleted.statusCode, 204);
    const after = await t.request(revoked.body.token, 'GET', '/api/v1/user');
    assert.equal(after.status, 401);
    assert.equal(after.body.error, 'unauthorized');
  });

  it("hides other users' tokens (404) and their email addresses", async () => {
    const alice = await t.user();
    const bob = await t.user();
    const foreign = await t.request(bob.token, 'POST', `/api/v1/users/${alice.user.id}/personal_access_tokens`, { name: 'steal' });
    assert.equal(foreign.status, 404);
    const seen = await t.request(bob.token, 'GET', `/api/v1/users/${alice.user.id}`);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.email, undefined);
    assert.equal((await t.request(alice.token, 'GET', `/api/v1/users/${alice.user.id}`)).body.email, alice.user.email);
  });

  it('pages lists with per_page, X-Next-Cursor and a Link header; per_page above 100 is clamped', async () => {
    const admin = await t.user({ admin: true });
    for (let i = 0; i < 3; i++) await t.user();
    const seen: number[] = [];
    let url: string | null = '/api/v1/users?per_page=2';
    let pages = 0;
    while (url) {
      const page = await t.request(admin.token, 'GET', url);
      assert.equal(page.status, 200);
      assert.ok(Array.isArray(page.body), 'Array.isArray(page.body)');
      assert.ok(page.body.length <= 2, 'page.body.length <= 2');
      seen.push(...page.body.map((u: any) => u.id));
      const cursor = page.headers['x-next-cursor'] as string | undefined;
      if (cursor) assert.match(String(page.headers.link), new RegExp(`cursor=${cursor}>; rel="next"$`));
      url = cursor ? `/api/v1/users?per_page=2&cursor=${cursor}` : null;
      pages++;
    }
    assert.ok(pages >= 3, 'pages >= 3');
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
    );
    assert.equal(new Set(seen).size, seen.length);
    const all = await t.request(admin.token, 'GET', '/api/v1/users?per_page=1000');
    assert.equal(all.status, 200);
    assert.ok(all.body.length <= 100, 'all.body.length <= 100');
    assert.equal((await t.request(admin.token, 'GET', '/api/v1/users?cursor=forged')).status, 400);
  });

  it('answers unknown routes and malformed JSON in the error format', async () => {
    const alice = await t.user();
    const unknown = await t.request(alice.token, 'GET', '/api/v1/nothing-here');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error, 'not_found');
    const malformed = await t.http.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().error, 'invalid');
  });

  it('lets POSTDESK_ROOT_TOKEN decide: a changed or removed value stops the old token working at the next start', async () => {
    const old = 'root-token-for-tests-0123456789';
    const next = 'root-token-for-tests-changed-9876543210';
    const restart = (rootToken: string | null) => bootstrapInstance({ ...t.ctx, config: { ...t.ctx.config, rootToken } });
    await restart(next);
    assert.equal((await t.request(old, 'GET', '/api/v1/user')).status, 401, 'the old value no longer works');
    assert.equal((await t.request(next, 'GET', '/api/v1/user')).status, 200);
    await restart(null);
    assert.equal((await t.request(next, 'GET', '/api/v1/user')).status, 401, 'unset: no root token works');
    await restart(old);
    assert.equal((await t.request(old, 'GET', '/api/v1/user')).status, 200, 'set again, it works again');
    assert.equal((await t.request(next, 'GET', '/api/v1/user')).status, 401);
  });
});
