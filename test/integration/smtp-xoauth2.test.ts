// Sending with OAuth 2.0 (issue 8): `sendRaw` signs in to an SMTP server with AUTH XOAUTH2 and an access token
// of stored credentials (what a project's own SMTP account at Microsoft 365 or Gmail will use), or with a
// password. The far side is a real smtp-server on a loopback port that offers only XOAUTH2 and asks the test
// authorization server whether each token is live. A token it refuses is replaced within the same connection;
// a revoked refresh token fails the send with invalid_grant, recorded on the credentials.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { checkOAuth2Input, insertOAuth2Grant } from '../../src/app/oauth2/oauth2-grants.ts';
import { smtpOAuth2 } from '../../src/mail/oauth2/access-tokens.ts';
import { relayTarget, SendFailure, type SmtpLogin, sendRaw } from '../../src/mail/outbound/smtp-sender.ts';
import { CLIENT_ID, CLIENT_SECRET, startOAuth2Server, type OAuth2TestServer } from '../helpers/oauth2-server.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const SENDER = 'desk@m365.example.test';
const RAW = 'From: desk@m365.example.test\r\nTo: customer@example.org\r\nSubject: Your ticket\r\n\r\nHello.\r\n';

interface Login {
  method: string;
  user: string;
  accepted: boolean;
}

/** An SMTP server offering only `method`, checking logins with `check`; keeps the mails it accepts. */
async function startAuthServer(method: 'XOAUTH2' | 'PLAIN', check: (user: string, secret: string) => boolean) {
  const logins: Login[] = [];
  const mails: string[] = [];
  const server = new SMTPServer({
    authMethods: [method],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const secret = method === 'XOAUTH2' ? (auth.accessToken ?? '') : (auth.password ?? '');
      const accepted = check(auth.username ?? '', secret);
      logins.push({ method: auth.method, user: auth.username ?? '', accepted });
      if (accepted) return callback(null, { user: auth.username });
      // RFC 7628 §3.2.2-style error challenge (what Gmail sends); the client answers and gets 535.
      if (method === 'XOAUTH2') return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.example.test/' } });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, logins, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('SMTP with XOAUTH2', () => {
  let t: TestApp;
  let oauth: OAuth2TestServer;
  let smtp: Awaited<ReturnType<typeof startAuthServer>>;
  let grantId: number;
  let auth: SmtpLogin;

  before(async () => {
    oauth = await startOAuth2Server();
    t = await startTestApp({ env: { OAUTH2_ALLOW_HTTP_TOKEN_URL: 'true' } });
    smtp = await startAuthServer('XOAUTH2', (user, token) => {
      const { active, user: owner } = oauth.check(token);
      return active && owner === user;
    });
    const credentials = checkOAuth2Input(
      t.ctx,
      { tokenUrl: oauth.tokenUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: oauth.grant(SENDER) },
      'smtp',
    );
    grantId = await insertOAuth2Grant(t.ctx.db.db, t.ctx, null, credentials);
    auth = smtpOAuth2(t.ctx.oauth2, grantId, SENDER);
  });
  after(async () => {
    await smtp?.close();
    await t?.close();
    await oauth?.close();
  });

  const send = () => sendRaw(relayTarget(smtp.url, auth), { from: SENDER, to: 'customer@example.org' }, RAW, 10_000);

  it('signs in with AUTH XOAUTH2 and a fresh access token, then reuses the cached one', async () => {
    assert.match(await send(), /^250/);
    assert.match(await send(), /^250/);
    assert.deepEqual(smtp.logins, [
      { method: 'XOAUTH2', user: SENDER, accepted: true },
      { method: 'XOAUTH2', user: SENDER, accepted: true },
    ]);
    assert.equal(oauth.issued.length, 1, 'one token served both sends');
    assert.equal(smtp.mails.length, 2);
    assert.match(smtp.mails[0]!, /Subject: Your ticket/);
  });

  it('replaces a token the server refuses within the same connection', async () => {
    oauth.revokeAccessTokens(SENDER);
    assert.match(await send(), /^250/);
    assert.deepEqual(
      smtp.logins.slice(-2).map((l) => l.accepted),
      [false, true],
      'refused, then accepted with the new token',
    );
    assert.equal(oauth.issued.length, 2, 'the refused token was refreshed, though not yet expired by the clock');
  });

  it('fails the send with invalid_grant when the refresh token was revoked, and records it on the credentials', async () => {
    oauth.revokeAccessTokens(SENDER);
    oauth.revokeRefreshTokens(SENDER);
    const failure = await send().then(
      () => null,
      (error: unknown) => error,
    );
    assert.ok(failure instanceof SendFailure, 'a SendFailure');
    assert.equal(failure.bodyStarted, false, 'nothing was sent: safe to retry');
    assert.equal((failure.smtpError as { code?: string }).code, 'EAUTH');
    assert.match(failure.message, /invalid_grant/);
    const grant = await t.ctx.db.db.selectFrom('oauth2_grants').selectAll().where('id', '=', grantId).executeTakeFirstOrThrow();
    assert.match(grant.last_error ?? '', /invalid_grant/);
    assert.equal(smtp.mails.length, 3, 'no mail went through');
  });

  it('still signs in with a password when given one', async () => {
    const plain = await startAuthServer('PLAIN', (user, password) => user === 'relay-user' && password === 'relay secret');
    try {
      const answer = await sendRaw(
        relayTarget(plain.url, { user: 'relay-user', password: 'relay secret' }),
        { from: SENDER, to: 'customer@example.org' },
        RAW,
        10_000,
      );
      assert.match(answer, /^250/);
      assert.deepEqual(plain.logins, [{ method: 'PLAIN', user: 'relay-user', accepted: true }]);
    } finally {
      await plain.close();
    }
  });
});
