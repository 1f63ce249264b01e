// ctx.oauth2, the access tokens of stored OAuth 2.0 credentials (issue 8): one refresh serves every caller
// of every process (the token is cached sealed in the database, and a refresh runs under a named lock that
// is a PostgreSQL advisory lock across processes); a token is refreshed a minute before it expires; a token
// endpoint that is down leaves the token held in use until it expires, with the outage on the credentials;
// a SECRET_KEY that changed is a clear error, not a request with garbage.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkOAuth2Input, insertOAuth2Grant } from '../../src/app/oauth2/oauth2-grants.ts';
import { createContext, type Context } from '../../src/context.ts';
import { OAuth2Error } from '../../src/mail/oauth2/access-tokens.ts';
import { CLIENT_ID, CLIENT_SECRET, startOAuth2Server, type OAuth2TestServer } from '../helpers/oauth2-server.ts';
import { startTestApp, testConfig, type TestApp } from '../helpers/test-app.ts';

const USER = 'desk@gmail.example.test';

describe('OAuth 2.0 access tokens', () => {
  let t: TestApp;
  let oauth: OAuth2TestServer;
  /** Added to the real time by the app's clock, to move past a token's usable part without waiting. */
  let skewMs = 0;
  const contexts: Context[] = [];

  before(async () => {
    oauth = await startOAuth2Server();
    t = await startTestApp({ env: { OAUTH2_ALLOW_HTTP_TOKEN_URL: 'true' }, clock: () => new Date(Date.now() + skewMs) });
  });
  after(async () => {
    for (const ctx of contexts) await ctx.close();
    await t?.close();
    await oauth?.close();
  });

  const newGrant = async (ctx: Context = t.ctx) => {
    const input = { tokenUrl: oauth.tokenUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: oauth.grant(USER) };
    return insertOAuth2Grant(ctx.db.db, ctx, null, checkOAuth2Input(ctx, input, 'imap'));
  };
  const grantRow = (id: number) => t.ctx.db.db.selectFrom('oauth2_grants').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Another process on the same database and SECRET_KEY: its own connections, locks and token source. */
  const secondProcess = (secretKey = t.ctx.secretKey) => {
    const ctx = createContext(testConfig(t.database.dataDir, t.database.config, { OAUTH2_ALLOW_HTTP_TOKEN_URL: 'true', SECRET_KEY: secretKey }), {
      db: t.database.open(),
      clock: () => new Date(Date.now() + skewMs),
    });
    contexts.push(ctx);
    return ctx;
  };

  it('refreshes once for many callers at once, in one process and across two', async () => {
    const id = await newGrant();
    oauth.delayMs = 300; // the refreshes overlap
    const before = oauth.issued.length;
    const other = secondProcess();
    const tokens = await Promise.all([t.ctx.oauth2.get(id), t.ctx.oauth2.get(id), other.oauth2.get(id), other.oauth2.get(id)]);
    oauth.delayMs = 0;
    assert.equal(oauth.issued.length - before, 1, 'one refresh served all four');
    assert.equal(new Set(tokens).size, 1, 'everyone got the same token');
    assert.equal(await other.oauth2.get(id), tokens[0], 'cached in the database: a later call asks nothing');
    assert.equal(oauth.issued.length - before, 1);
  });

  it('refreshes a minute before expiry, and keeps the rotated refresh token', async () => {
    const id = await newGrant();
    const first = await t.ctx.oauth2.get(id);
    const sealedRefresh = (await grantRow(id)).refresh_token_sealed;
    skewMs = 3600_000 - 61_000; // 61 s left: still used
    assert.equal(await t.ctx.oauth2.get(id), first);
    skewMs = 3600_000 - 59_000; // 59 s left: refreshed
    const second = await t.ctx.oauth2.get(id);
    skewMs = 0;
    assert.notEqual(second, first);
    const row = await grantRow(id);
    assert.notEqual(row.refresh_token_sealed, sealedRefresh, 'the rotated refresh token replaced the spent one');
    assert.ok(row.refreshed_at && row.last_error === null, 'a success clears last_error');
    assert.deepEqual(oauth.refused, [], 'never presented a spent refresh token');
  });

  it('keeps using the token held while the token endpoint is down, until it expires', async () => {
    const id = await newGrant();
    const held = await t.ctx.oauth2.get(id);
    oauth.outage = 503;
    try {
      skewMs = 3600_000 - 30_000; // within the margin, not expired
      assert.equal(await t.ctx.oauth2.get(id), held, 'the held token serves on');
      assert.match((await grantRow(id)).last_error ?? '', /HTTP 503/);
      skewMs = 3600_000 + 1_000; // expired: nothing to fall back on
      await assert.rejects(t.ctx.oauth2.get(id), (error: unknown) => {
        assert.ok(error instanceof OAuth2Error, 'an OAuth2Error');
        assert.equal(error.permanent, false, 'an outage passes');
        assert.match(error.message, /^OAuth 2\.0: the token endpoint answered HTTP 503$/);
        return true;
      });
      await assert.rejects(t.ctx.oauth2.get(id, { refused: held }), /HTTP 503/, 'a refused token is never handed out again');
      oauth.outage = null;
      skewMs = 3600_000 - 30_000;
      assert.notEqual(await t.ctx.oauth2.get(id), held, 'the endpoint back: a new token');
      assert.equal((await grantRow(id)).last_error, null);
    } finally {
      oauth.outage = null;
      skewMs = 0;
    }
  });

  it('says so when SECRET_KEY changed since the credentials were sealed', async () => {
    const id = await newGrant();
    const changed = secondProcess('another secret key, 32 characters or more');
    await assert.rejects(changed.oauth2.get(id), (error: unknown) => {
      assert.ok(error instanceof OAuth2Error && error.permanent, 'a permanent OAuth2Error');
      assert.match(error.message, /^OAuth 2\.0: the stored credentials do not open with this SECRET_KEY/);
      return true;
    });
  });
});
