// The mailboxes API with OAuth 2.0 credentials (issue 8): a mailbox of Microsoft 365 or Gmail is added with
// an `oauth2` object instead of a password in its URL. The client secret and refresh token are sealed and
// never returned; a provider's name fills in its token URL and scope; a token URL must be https unless the
// instance allows http; a URL with a password and oauth2 together is refused; removing the mailbox removes
// its credentials.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';

const SECRET = 'client-secret-7d1e';
const REFRESH = 'refresh-token-0.AXoA-9f3c';
const oauth2 = (fields: Record<string, unknown> = {}) => ({
  provider: 'microsoft',
  client_id: 'app-id-1',
  client_secret: SECRET,
  refresh_token: REFRESH,
  ...fields,
});

describe('mailboxes API with OAuth 2.0', () => {
  let t: TestApp;
  let owner: TestUser;
  let developer: TestUser;
  let projectId: number;

  before(async () => {
    t = await startTestApp();
    owner = await t.user();
    const project = await t.project(owner, { visibility: 'private' });
    projectId = project.id;
    developer = await t.member(project, { level: 30 });
  });
  after(() => t.close());

  const path = () => `/api/v1/projects/${projectId}/mailboxes`;
  const post = (body: unknown, token = owner.token) => t.request(token, 'POST', path(), body);

  it('adds a Microsoft 365 mailbox: provider defaults filled in, secrets sealed and never returned', async () => {
    const created = await post({ imap_url: 'imaps://help%40contoso.example@outlook.office365.com/INBOX', oauth2: oauth2() });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.auth, 'oauth2');
    assert.equal(created.body.url_without_password, 'imaps://help%40contoso.example@outlook.office365.com:993/INBOX');
    assert.deepEqual(created.body.oauth2, {
      provider: 'microsoft',
      token_url: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      client_id: 'app-id-1',
      scope: 'offline_access https://outlook.office.com/IMAP.AccessAsUser.All',
      access_token_expires_at: null,
      refreshed_at: null,
      last_error: null,
      last_error_at: null,
    });
    const everywhere = JSON.stringify([
      created.body,
      (await t.request(owner.token, 'GET', path())).body,
      (await t.request(owner.token, 'GET', '/api/v1/mailboxes')).body,
    ]);
    assert.ok(!everywhere.includes(SECRET) && !everywhere.includes(REFRESH), 'no secret in any answer');
    const row = await t.ctx.db.db.selectFrom('mailboxes').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    assert.equal(row.password_sealed, null);
    const grant = await t.ctx.db.db.selectFrom('oauth2_grants').selectAll().where('id', '=', row.oauth2_grant_id!).executeTakeFirstOrThrow();
    assert.equal(grant.project_id, projectId);
    assert.equal(t.ctx.secrets.open(grant.client_secret_sealed, 'oauth2_client_secret'), SECRET);
    assert.equal(t.ctx.secrets.open(grant.refresh_token_sealed, 'oauth2_refresh_token'), REFRESH);
    assert.throws(() => t.ctx.secrets.open(grant.refresh_token_sealed, 'oauth2_client_secret'), /does not open/, 'each secret under its own purpose');
  });

  it('takes a given token URL and scope over the provider, and a Gmail mailbox without a scope', async () => {
    const custom = await post({
      imap_url: 'imaps://desk%40contoso.example@outlook.office365.com/Support',
      oauth2: oauth2({
        token_url: 'https://login.microsoftonline.com/tenant-id/oauth2/v2.0/token',
        scope: 'https://outlook.office.com/.default offline_access',
      }),
    });
    assert.equal(custom.status, 201, JSON.stringify(custom.body));
    assert.equal(custom.body.oauth2.token_url, 'https://login.microsoftonline.com/tenant-id/oauth2/v2.0/token');
    assert.equal(custom.body.oauth2.scope, 'https://outlook.office.com/.default offline_access');
    const gmail = await post({ imap_url: 'imaps://desk%40gmail.example@imap.gmail.com/INBOX', oauth2: oauth2({ provider: 'google' }) });
    assert.equal(gmail.status, 201, JSON.stringify(gmail.body));
    assert.deepEqual([gmail.body.oauth2.token_url, gmail.body.oauth2.scope], ['https://oauth2.googleapis.com/token', null]);
  });

  it('refuses what does not fit, naming the field (400)', async () => {
    const url = 'imaps://other%40contoso.example@outlook.office365.com/INBOX';
    const grantsBefore = (await t.ctx.db.db.selectFrom('oauth2_grants').select('id').execute()).length;
    const cases: [string, unknown, string][] = [
      ['a password and oauth2 together', { imap_url: 'imaps://other%40contoso.example:pw@outlook.office365.com/INBOX', oauth2: oauth2() }, 'imap_url'],
      ['no password and no oauth2', { imap_url: url }, 'imap_url'],
      ['neither provider nor token_url', { imap_url: url, oauth2: oauth2({ provider: undefined }) }, 'oauth2.token_url'],
      ['an http token URL', { imap_url: url, oauth2: oauth2({ token_url: 'http://127.0.0.1:9/token' }) }, 'oauth2.token_url'],
      ['credentials in the token URL', { imap_url: url, oauth2: oauth2({ token_url: 'https://a:b@login.example/token' }) }, 'oauth2.token_url'],
      ['a blank refresh token', { imap_url: url, oauth2: oauth2({ refresh_token: '  ' }) }, 'oauth2.refresh_token'],
    ];
    for (const [what, body, field] of cases) {
      const answer = await post(body);
      assert.equal(answer.status, 400, `${what}: ${JSON.stringify(answer.body)}`);
      assert.ok(answer.body.details?.[field], `${what}: details name ${field} (${JSON.stringify(answer.body.details)})`);
    }
    const http = await post({ imap_url: url, oauth2: oauth2({ token_url: 'http://127.0.0.1:9/token' }) });
    assert.match(http.body.details['oauth2.token_url'], /OAUTH2_ALLOW_HTTP_TOKEN_URL/);
    for (const body of [
      { imap_url: url, oauth2: oauth2({ provider: 'yahoo' }) },
      { imap_url: url, oauth2: oauth2({ access_token: 'x' }) },
    ]) {
      assert.equal((await post(body)).status, 400, JSON.stringify(body));
    }
    assert.equal((await t.ctx.db.db.selectFrom('oauth2_grants').select('id').execute()).length, grantsBefore, 'nothing stored for a refusal');
  });

  it('refuses a developer (403)', async () => {
    const answer = await post({ imap_url: 'imaps://dev%40contoso.example@outlook.office365.com/INBOX', oauth2: oauth2() }, developer.token);
    assert.equal(answer.status, 403);
  });

  it('removes the credentials with the mailbox, and a conflict leaves none behind', async () => {
    const before = (await t.ctx.db.db.selectFrom('oauth2_grants').select('id').execute()).length;
    const again = await post({ imap_url: 'imaps://HELP%40contoso.example@outlook.office365.com/INBOX', oauth2: oauth2() });
    assert.equal(again.status, 409, 'the same mailbox is read once');
    assert.equal((await t.ctx.db.db.selectFrom('oauth2_grants').select('id').execute()).length, before, 'rolled back with the mailbox');
    const [first] = (await t.request(owner.token, 'GET', path())).body as { id: number }[];
    assert.equal((await t.request(owner.token, 'DELETE', `${path()}/${first!.id}`)).status, 204);
    assert.equal((await t.ctx.db.db.selectFrom('oauth2_grants').select('id').execute()).length, before - 1);
  });
});
