// A project's own address whose SMTP account signs in with OAuth 2.0 (issue 8, SD-90…SD-101): the provider of
// `support@acme.test` is an SMTP server on a loopback port that offers only AUTH XOAUTH2 and asks the test
// authorization server (token endpoint and introspection on a loopback port) whether each access token is
// live and whose it is, as Microsoft 365 or Gmail would. Verification and the project's mail go out through
// it with fresh access tokens; a revoked refresh token fails the verification with invalid_credentials.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import { CLIENT_ID, CLIENT_SECRET, startOAuth2Server, type OAuth2TestServer } from '../helpers/oauth2-server.ts';
import { startSmtpProvider, type SmtpProvider } from '../helpers/smtp-provider.ts';
import { uniqueName, type TestUser } from '../helpers/test-app.ts';

const DOMAIN = 'acme.test';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a custom email address whose SMTP account signs in with OAuth 2.0', () => {
  let desk: MailDesk;
  let provider: SmtpProvider;
  let oauth: OAuth2TestServer;
  let owner: TestUser;

  before(async () => {
    oauth = await startOAuth2Server();
    provider = await startSmtpProvider({
      domain: DOMAIN,
      username: 'unused@acme.test',
      password: 'no password is accepted here',
      xoauth2: (user, token) => {
        const { active, user: holder } = oauth.check(token);
        return active && holder === user;
      },
    });
    desk = await startMailDesk({ env: { CUSTOM_EMAIL_ALLOW_LOOPBACK_SMTP: 'true', OAUTH2_ALLOW_HTTP_TOKEN_URL: 'true' } });
    owner = await desk.user();
  });
  after(async () => {
    await desk?.close();
    await provider?.close();
    await oauth?.close();
  });

  const deskOf = (id: number) => `/api/v1/projects/${id}/service_desk`;
  const settingsOf = async (id: number) => (await desk.request(owner.token, 'GET', deskOf(id))).body;
  const stateOf = (id: number, state: string) =>
    until(`custom_email_state ${state}`, async () => {
      const s = await settingsOf(id);
      return s.custom_email_state === state ? s : undefined;
    });

  /** A project whose custom address (also the SMTP username) is forwarded to its incoming address; the account has `refreshToken`. */
  async function projectWithOAuth2Account(account: string, refreshToken: string) {
    const project = await desk.project(owner, { path: uniqueName('shop') });
    const { incoming_address } = await settingsOf(project.id);
    provider.forwarding.set(account, { host: '127.0.0.1', port: desk.smtpPort, to: incoming_address });
    const put = await desk.request(owner.token, 'PUT', deskOf(project.id), {
      outgoing_name: 'Shop Support',
      custom_email: account,
      custom_email_smtp_address: provider.host,
      custom_email_smtp_port: provider.port,
      custom_email_smtp_username: account,
      custom_email_smtp_oauth2: { token_url: oauth.tokenUrl, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: refreshToken },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.custom_email_state, 'started');
    return { project, put: put.body };
  }

  const loginsOf = (user: string) => provider.logins.filter((l) => l.user === user);
  const presentedBy = (user: string) => oauth.presented.filter((p) => p.user === user);

  it('verifies through the account with XOAUTH2 and fresh access tokens, and sends the thank-you through it', async () => {
    const account = `${uniqueName('support')}@${DOMAIN}`;
    const refreshToken = oauth.grant(account);
    const { project, put } = await projectWithOAuth2Account(account, refreshToken);
    assert.equal(put.custom_email_smtp_password_set, false);
    assert.equal(put.custom_email_smtp_authentication, null);
    assert.equal(put.custom_email_smtp_oauth2?.client_id, CLIENT_ID);
    assert.equal(put.custom_email_smtp_oauth2?.token_url, oauth.tokenUrl);
    for (const secret of [CLIENT_SECRET, refreshToken]) assert.equal(JSON.stringify(put).includes(secret), false, 'no secret is returned');

    const sent = await provider.waitFor((m) => m.envelopeTo.includes(account.replace('@', '+verify@')), 'the verification mail');
    assert.equal(sent.user, account, 'submitted by the account, signed in');
    const verified = await stateOf(project.id, 'finished');
    assert.equal(verified.custom_email_error, null);
    assert.equal(verified.custom_email_smtp_oauth2?.last_error, null);
    assert.ok(verified.custom_email_smtp_oauth2?.refreshed_at, 'the settings show when a token was last issued');
    assert.equal((await desk.request(owner.token, 'PUT', deskOf(project.id), { custom_email_enabled: true })).status, 200);

    await provider.deliver(
      `From: Customer <buyer@client.test>\r\nTo: ${account}\r\nSubject: My order\r\nMessage-ID: <${uniqueName('order')}@client.test>\r\n\r\nWhere is it?\r\n`,
      { from: 'buyer@client.test', to: [account] },
    );
    const thankYou = await provider.waitFor((m) => m.envelopeTo.includes('buyer@client.test'), 'the thank-you');
    assert.equal(thankYou.user, account, 'submitted through the project account');
    assert.equal(thankYou.envelopeFrom, account);
    assert.equal(thankYou.parsed.from?.value[0]?.address, account);
    await desk.settle();
    const [row] = (await desk.request(owner.token, 'GET', `/api/v1/outbound_messages?to=${encodeURIComponent('buyer@client.test')}`)).body;
    assert.equal(row.state, 'sent');
    assert.equal(row.via, 'project_account');

    const logins = loginsOf(account);
    assert.ok(logins.length >= 2, `a login for the verification mail and one for the thank-you: ${JSON.stringify(logins)}`);
    assert.ok(
      logins.every((l) => l.method === 'XOAUTH2' && l.accepted),
      `every login was XOAUTH2 with a live token: ${JSON.stringify(logins)}`,
    );
    const presented = presentedBy(account);
    assert.equal(presented.length, logins.length, 'each login presented a token the authorization server knows');
    assert.ok(
      presented.every((p) => p.active && !p.expired),
      'no token presented was expired or revoked',
    );
    assert.equal(oauth.issued.filter((i) => i.user === account).length, 1, 'one refresh served both mails (the token is cached)');
  });

  it('a refused token is refreshed within the connection: the mail still goes out', async () => {
    const account = `${uniqueName('support')}@${DOMAIN}`;
    const { project } = await projectWithOAuth2Account(account, oauth.grant(account));
    await stateOf(project.id, 'finished');
    assert.equal((await desk.request(owner.token, 'PUT', deskOf(project.id), { custom_email_enabled: true })).status, 200);
    oauth.revokeAccessTokens(account); // the cached token is no longer good, though not expired by the clock
    await provider.deliver(`From: buyer2@client.test\r\nTo: ${account}\r\nSubject: Second\r\nMessage-ID: <${uniqueName('m')}@client.test>\r\n\r\nhello\r\n`, {
      from: 'buyer2@client.test',
      to: [account],
    });
    await provider.waitFor((m) => m.envelopeTo.includes('buyer2@client.test'), 'the thank-you after a refused token');
    assert.deepEqual(
      loginsOf(account)
        .slice(-2)
        .map((l) => l.accepted),
      [false, true],
      'refused, then accepted with a new token',
    );
    assert.equal(oauth.issued.filter((i) => i.user === account).length, 2);
  });

  it('fails the verification with invalid_credentials when the refresh token was revoked, and the settings say why', async () => {
    const account = `${uniqueName('revoked')}@${DOMAIN}`;
    const refreshToken = oauth.grant(account);
    oauth.revokeRefreshTokens(account);
    const { project } = await projectWithOAuth2Account(account, refreshToken);
    const failed = await stateOf(project.id, 'failed');
    assert.equal(failed.custom_email_error, 'invalid_credentials');
    assert.match(failed.custom_email_smtp_oauth2?.last_error ?? '', /invalid_grant/, 'the refresh the token endpoint refused');
    assert.ok(failed.custom_email_smtp_oauth2?.last_error_at, 'and when');
    assert.equal(loginsOf(account).length, 0, 'no token reached the SMTP server');
    assert.equal(provider.received.filter((m) => m.envelopeTo.includes(account.replace('@', '+verify@'))).length, 0, 'nothing was sent');
    const [row] = (await desk.request(owner.token, 'GET', `/api/v1/outbound_messages?to=${encodeURIComponent(account.replace('@', '+verify@'))}`)).body;
    assert.equal(row.state, 'failed');
    assert.equal(row.attempts, 1, 'a verification mail is not retried');
    assert.match(row.error, /invalid_grant/);

    // New credentials (a new consent) replace the refused ones and verify.
    const put = await desk.request(owner.token, 'PUT', deskOf(project.id), {
      custom_email_smtp_oauth2: { token_url: oauth.tokenUrl, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: oauth.grant(account) },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.custom_email_smtp_oauth2?.last_error, null, 'the new credentials carry no old error');
    await stateOf(project.id, 'finished');
  });

  it('resetting the custom email removes its OAuth 2.0 credentials', async () => {
    const account = `${uniqueName('support')}@${DOMAIN}`;
    const { project } = await projectWithOAuth2Account(account, oauth.grant(account));
    await stateOf(project.id, 'finished');
    const grants = () => desk.ctx.db.db.selectFrom('oauth2_grants').select('id').where('project_id', '=', project.id).execute();
    assert.equal((await grants()).length, 1);
    assert.equal((await desk.request(owner.token, 'DELETE', `${deskOf(project.id)}/custom_email`)).status, 204);
    assert.equal((await grants()).length, 0, 'the client secret, refresh token and access token are gone');
    const after = await settingsOf(project.id);
    assert.equal(after.custom_email_smtp_oauth2, null);
  });
});
