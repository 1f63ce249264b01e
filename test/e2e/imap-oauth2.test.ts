// A project's mailbox read with OAuth 2.0 (issue 8), offline: a real dovecot whose oauth2 passdb accepts
// XOAUTH2 and asks a test authorization server (test/helpers/oauth2-server.ts, on a loopback port) about each
// token presented. That server also issues the access tokens, short-lived (63 s, of which Postdesk keeps a
// 60 s margin: 3 s usable), and rotates the refresh token with each. Mail delivered to the mailbox becomes a
// ticket; a reconnection after 3 s (the test cuts the session through a TCP proxy, as Microsoft 365 ends one
// whose token expired) refreshes first and never presents an expired token; the rotated refresh
// token is the one used next; a token the server refuses is the mailbox's last_error and is replaced; a
// revoked refresh token is an invalid_grant last_error on the mailbox and on its credentials.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dovecotSkip } from '../helpers/dovecot.ts';
import { rawMail, startImapDesk, type ImapDesk } from '../helpers/imap-desk.ts';
import { CLIENT_ID, CLIENT_SECRET, startOAuth2Server, type OAuth2TestServer } from '../helpers/oauth2-server.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import type { TestUser } from '../helpers/test-app.ts';

const skip = dovecotSkip('test/e2e/imap-oauth2.test.ts');
const ACCOUNT = 'help@m365.example.test';
/** Postdesk's margin is 60 s: a 63 s token is used for 3 s, then refreshed before it expires. */
const LIFETIME_S = 63;

describe('IMAP mailboxes with OAuth 2.0 (XOAUTH2)', { skip }, () => {
  let oauth: OAuth2TestServer;
  let desk: ImapDesk;
  let admin: TestUser;
  let projectId: number;
  let mailboxId: number;
  let refreshToken: string;
  /** Between the reader and dovecot: cutting its connections makes the reader sign in again. */
  let proxy: TcpProxy;

  before(async () => {
    oauth = await startOAuth2Server();
    oauth.lifetimeS = LIFETIME_S;
    desk = await startImapDesk({
      env: () => ({ OAUTH2_ALLOW_HTTP_TOKEN_URL: 'true' }),
      dovecot: { oauth2IntrospectionUrl: oauth.introspectionUrl },
    });
    admin = await desk.user({ admin: true });
    projectId = (await desk.project(admin, { path: 'oauth-desk' })).id;
    refreshToken = oauth.grant(ACCOUNT);
    proxy = await startTcpProxy(desk.dovecot.port);
  });
  after(async () => {
    await proxy?.close();
    await desk?.close();
    await oauth?.close();
  });

  const mailbox = async () => {
    const listed = (await desk.request(admin.token, 'GET', `/api/v1/projects/${projectId}/mailboxes`)).body as Array<Record<string, any>>;
    return listed.find((m) => m.id === mailboxId)!;
  };
  const ticketFor = (title: string) =>
    desk.waitFor(`a ticket "${title}"`, async () => desk.ctx.db.db.selectFrom('tickets').selectAll().where('title', '=', title).executeTakeFirst());
  const deliverAndSee = async (title: string) => {
    desk.dovecot.deliver(ACCOUNT, rawMail({ to: ACCOUNT, subject: title, messageId: `<${title.replace(/\W+/g, '-')}@example.org>` }));
    const ticket = await ticketFor(title);
    assert.equal(ticket.project_id, projectId);
  };
  /** Until the newest token is past its usable part (3 s), but not expired (63 s). */
  const pastUsable = async () => {
    const last = oauth.issued.at(-1)!;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, last.expiresAt - 60_000 - Date.now()) + 200));
    return last;
  };
  const connectedAgain = (after: number) =>
    desk.waitFor('the mailbox connected again', async () => {
      const m = await mailbox();
      return m.connected && m.last_error === null && Date.parse(m.oauth2.refreshed_at ?? '') >= after && m;
    });

  it('connects a mailbox with OAuth 2.0 credentials: secrets sealed, never returned', async () => {
    const created = await desk.request(admin.token, 'POST', `/api/v1/projects/${projectId}/mailboxes`, {
      imap_url: `imap://${encodeURIComponent(ACCOUNT)}@127.0.0.1:${proxy.port}/INBOX`,
      oauth2: { token_url: oauth.tokenUrl, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: refreshToken },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    mailboxId = created.body.id;
    assert.equal(created.body.auth, 'oauth2');
    assert.equal(created.body.url_without_password, `imap://help%40m365.example.test@127.0.0.1:${proxy.port}/INBOX`);
    assert.deepEqual(
      {
        token_url: created.body.oauth2.token_url,
        client_id: created.body.oauth2.client_id,
        access_token_expires_at: created.body.oauth2.access_token_expires_at,
      },
      { token_url: oauth.tokenUrl, client_id: CLIENT_ID, access_token_expires_at: null },
    );
    const text = JSON.stringify(created.body);
    assert.ok(!text.includes(CLIENT_SECRET) && !text.includes(refreshToken), 'neither the client secret nor the refresh token is returned');
    const grant = await desk.ctx.db.db.selectFrom('oauth2_grants').selectAll().executeTakeFirstOrThrow();
    assert.ok(!grant.client_secret_sealed.includes(CLIENT_SECRET) && !grant.refresh_token_sealed.includes(refreshToken), 'stored sealed');
  });

  it('signs in with XOAUTH2 and turns delivered mail into a ticket', async () => {
    await desk.startReceiver();
    await desk.waitFor('the OAuth mailbox connected', async () => (await mailbox()).connected);
    assert.equal(oauth.issued.length, 1, 'one access token fetched');
    assert.ok(oauth.presented.length >= 1 && oauth.presented.every((p) => p.active && p.user === ACCOUNT), 'dovecot saw only valid tokens of the account');
    await deliverAndSee('Sent to the Microsoft mailbox');
    const seen = await mailbox();
    const expiry = Date.parse(seen.oauth2.access_token_expires_at);
    assert.ok(Math.abs(expiry - oauth.issued[0]!.expiresAt) < 1000, 'the expiry the token endpoint gave is shown');
    const grant = await desk.ctx.db.db.selectFrom('oauth2_grants').selectAll().executeTakeFirstOrThrow();
    assert.ok(grant.access_token_sealed && !grant.access_token_sealed.startsWith('at-'), 'the access token is cached sealed');
  });

  it('refreshes the token before it expires when it reconnects, and uses the rotated refresh token next time', async () => {
    for (const round of [2, 3]) {
      // Past the usable part, before the expiry: only a refresh ahead of expiry gets in.
      const last = await pastUsable();
      const cut = Date.now();
      proxy.cutAll(); // the session ends, as Microsoft 365 ends one whose token expired
      await connectedAgain(cut);
      assert.equal(oauth.issued.length, round, `round ${round}: one refresh per reconnection`);
      assert.ok(oauth.issued.at(-1)!.at < last.expiresAt, 'refreshed before the old token expired');
    }
    assert.deepEqual(oauth.refused, [], 'every refresh presented the newest (rotated) refresh token');
    assert.ok(
      oauth.presented.every((p) => !p.expired),
      'no expired token was ever presented',
    );
    await deliverAndSee('After two refreshes');
  });

  it('shows a token the server refuses as last_error, then reconnects with a new one', async () => {
    oauth.lifetimeS = 3600; // the token held stays fresh by the clock: only the refusal makes Postdesk replace it
    await pastUsable();
    const before = Date.now();
    proxy.cutAll();
    await connectedAgain(before); // fresh enough to be cached by this reconnection
    const issuedBefore = oauth.issued.length;
    const revokedAt = Date.now();
    oauth.revokeAccessTokens(ACCOUNT);
    proxy.cutAll();
    const back = await connectedAgain(revokedAt);
    assert.equal(oauth.issued.length, issuedBefore + 1, 'one new token, fetched because the old one was refused');
    assert.ok(Date.parse(back.last_error_at) >= revokedAt, 'the refusal was recorded on the mailbox');
    assert.ok(
      oauth.presented.some((p) => !p.active && p.at >= revokedAt),
      'dovecot was shown the revoked token once',
    );
    await deliverAndSee('After a refused token');
  });

  it('shows a revoked refresh token (invalid_grant) on the mailbox and its credentials', async () => {
    oauth.revokeAccessTokens(ACCOUNT);
    oauth.revokeRefreshTokens(ACCOUNT);
    proxy.cutAll();
    const failed = await desk.waitFor('invalid_grant on the mailbox', async () => {
      const m = await mailbox();
      return /invalid_grant/.test(m.last_error ?? '') && m;
    });
    assert.equal(failed.connected, false);
    assert.match(failed.last_error, /^OAuth 2\.0: the token endpoint refused the refresh token: invalid_grant .*connect the account again/);
    assert.match(failed.oauth2.last_error, /invalid_grant/);
    assert.ok(oauth.refused.includes('invalid_grant'), 'the token endpoint refused the refresh');
  });

  it('removes the credentials with the mailbox', async () => {
    const removed = await desk.request(admin.token, 'DELETE', `/api/v1/projects/${projectId}/mailboxes/${mailboxId}`);
    assert.equal(removed.status, 204);
    const grants = await desk.ctx.db.db.selectFrom('oauth2_grants').selectAll().execute();
    assert.deepEqual(grants, []);
  });
});
