// Setting a custom address and its SMTP account through PUT …/service_desk (SD-90…SD-92, SD-98, SD-100):
// what is refused and why, what is stored (the password sealed), and what a change sets off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, uniqueName, type TestApp, type TestUser } from '../helpers/test-app.ts';

const ACCOUNT = {
  custom_email_smtp_address: 'smtp.acme.io',
  custom_email_smtp_port: 587,
  custom_email_smtp_username: 'desk@acme.io',
  custom_email_smtp_password: 'a-secret-password',
};

describe('custom email settings', () => {
  let t: TestApp;
  let owner: TestUser;
  before(async () => {
    t = await startTestApp({ env: { INCOMING_EMAIL_ADDRESS: 'incoming+%{key}@desk.test', SERVICE_DESK_ALIAS_ADDRESS: 'contact+%{key}@desk.test' } });
    owner = await t.user();
  });
  after(() => t.close());

  const deskOf = (id: number) => `/api/v1/projects/${id}/service_desk`;
  const address = () => `${uniqueName('support')}@acme.io`;

  it('refuses what SD-90…SD-92 refuse, naming the field, and stores nothing', async () => {
    const project = await t.project(owner);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ custom_email: 'support+x@acme.io', ...ACCOUNT }, 'custom_email'],
      [{ custom_email: 'support@acme.i', ...ACCOUNT }, 'custom_email'],
      [{ custom_email: `${'a'.repeat(250)}@acme.io`, ...ACCOUNT }, 'custom_email'],
      [{ custom_email: 'incoming+anything@desk.test', ...ACCOUNT }, 'custom_email'],
      [{ custom_email: address(), ...ACCOUNT, custom_email_smtp_password: 'short77' }, 'custom_email_smtp_password'],
      [{ custom_email: address(), ...ACCOUNT, custom_email_smtp_password: 'x'.repeat(129) }, 'custom_email_smtp_password'],
      [{ custom_email: address(), ...ACCOUNT, custom_email_smtp_address: 'localhost' }, 'custom_email_smtp_address'],
      [{ custom_email: address(), ...ACCOUNT, custom_email_smtp_address: '127.0.0.1' }, 'custom_email_smtp_address'],
      [{ custom_email: address(), ...ACCOUNT, custom_email_smtp_address: 'not a host' }, 'custom_email_smtp_address'],
      [{ custom_email: address(), ...ACCOUNT, custom_email_smtp_port: 0 }, 'custom_email_smtp_port'],
      [{ custom_email: address(), ...ACCOUNT, custom_email_smtp_port: 70000 }, 'custom_email_smtp_port'],
      [{ custom_email: address(), ...ACCOUNT, custom_email_smtp_username: 'u'.repeat(256) }, 'custom_email_smtp_username'],
      [{ custom_email: address(), custom_email_smtp_address: 'smtp.acme.io', custom_email_smtp_username: 'desk' }, 'custom_email_smtp_password'],
      [{ custom_email: address() }, 'custom_email_smtp_address'],
      [{ ...ACCOUNT }, 'custom_email'],
    ];
    for (const [body, field] of cases) {
      const response = await t.request(owner.token, 'PUT', deskOf(project.id), body);
      assert.equal(response.status, 400, `${JSON.stringify(body)} → ${response.status}`);
      assert.ok(field in (response.body.details ?? {}), `${field} named for ${JSON.stringify(body)}: ${JSON.stringify(response.body)}`);
    }
    const stored = await t.ctx.db.db.selectFrom('custom_email_credentials').selectAll().where('project_id', '=', project.id).execute();
    assert.equal(stored.length, 0, 'nothing stored');
    assert.equal((await t.request(owner.token, 'GET', deskOf(project.id))).body.custom_email, null);
  });

  it('seals the password, defaults the port to 587, starts verification and queues its mail through the account (SD-91, SD-93)', async () => {
    const project = await t.project(owner);
    const customEmail = address();
    const { custom_email_smtp_port: _, ...withoutPort } = ACCOUNT;
    const set = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email: customEmail, ...withoutPort });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.custom_email_state, 'started');
    assert.equal(set.body.custom_email_smtp_port, 587);
    assert.equal(set.body.custom_email_smtp_password_set, true);
    assert.match(set.body.custom_email_forwarding_guidance, /incoming\+/);
    const row = await t.ctx.db.db.selectFrom('custom_email_credentials').selectAll().where('project_id', '=', project.id).executeTakeFirstOrThrow();
    assert.notEqual(row.smtp_password_sealed, ACCOUNT.custom_email_smtp_password);
    assert.equal(row.smtp_password_sealed?.includes(ACCOUNT.custom_email_smtp_password), false, 'sealed, not in clear');
    assert.equal(t.ctx.secrets.open(row.smtp_password_sealed ?? '', 'smtp_password'), ACCOUNT.custom_email_smtp_password);
    const outbox = await t.ctx.db.db.selectFrom('outbound_messages').selectAll().where('project_id', '=', project.id).execute();
    const verification = outbox.find((m) => m.kind === 'custom_email_verification');
    assert.equal(verification?.to_address, customEmail.replace('@', '+verify@'));
    assert.equal(verification?.sender_account, 'project');
    assert.match(verification?.text_body ?? '', /Verification token: [A-Za-z0-9]{12}\n/);
    const settings = await t.ctx.db.db.selectFrom('service_desk_settings').selectAll().where('project_id', '=', project.id).executeTakeFirstOrThrow();
    const token = /Verification token: (\w{12})/.exec(verification?.text_body ?? '')?.[1] ?? '';
    assert.equal(JSON.stringify(settings).includes(token), false, 'the token is kept only as a hash');
    assert.ok(
      outbox.some((m) => m.kind === 'custom_email_verification_triggered' && m.to_address === owner.user.email && m.sender_account === null),
      'the owner hears that it started, through the instance relay',
    );
  });

  it('needs the password again when the host changes; an unchanged PUT restarts nothing; a new address restarts verification', async () => {
    const project = await t.project(owner);
    const first = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email: address(), ...ACCOUNT });
    const moved = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email_smtp_address: 'smtp.elsewhere.example' });
    assert.equal(moved.status, 400);
    assert.ok('custom_email_smtp_password' in moved.body.details, 'the password must be entered again');
    const same = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email_smtp_port: 587 });
    assert.equal(same.body.custom_email_verification_started_at, first.body.custom_email_verification_started_at, 'nothing changed, nothing restarted');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const renamed = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email: address() });
    assert.equal(renamed.status, 200);
    assert.notEqual(renamed.body.custom_email_verification_started_at, first.body.custom_email_verification_started_at);
  });

  const OAUTH2 = { provider: 'microsoft', client_id: 'app-1234', client_secret: 'client secret 9x', refresh_token: 'refresh-token-abc' };
  const OAUTH2_ACCOUNT = { custom_email_smtp_address: 'smtp.office365.com', custom_email_smtp_port: 587, custom_email_smtp_username: 'desk@acme.io' };

  it('refuses OAuth 2.0 credentials together with a password, with an AUTH method, or without a usable token URL', async () => {
    const project = await t.project(owner);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ custom_email: address(), ...ACCOUNT, custom_email_smtp_oauth2: OAUTH2 }, 'custom_email_smtp_oauth2'],
      [
        { custom_email: address(), ...OAUTH2_ACCOUNT, custom_email_smtp_oauth2: OAUTH2, custom_email_smtp_authentication: 'plain' },
        'custom_email_smtp_authentication',
      ],
      [{ custom_email: address(), ...OAUTH2_ACCOUNT, custom_email_smtp_oauth2: { ...OAUTH2, provider: undefined } }, 'custom_email_smtp_oauth2.token_url'],
      [
        { custom_email: address(), ...OAUTH2_ACCOUNT, custom_email_smtp_oauth2: { ...OAUTH2, token_url: 'http://login.example.test/token' } },
        'custom_email_smtp_oauth2.token_url',
      ],
      [{ custom_email: address(), ...OAUTH2_ACCOUNT, custom_email_smtp_oauth2: { ...OAUTH2, refresh_token: ' ' } }, 'custom_email_smtp_oauth2.refresh_token'],
    ];
    for (const [body, field] of cases) {
      const response = await t.request(owner.token, 'PUT', deskOf(project.id), body);
      assert.equal(response.status, 400, `${JSON.stringify(body)} → ${response.status}`);
      assert.ok(field in (response.body.details ?? {}), `${field} named for ${JSON.stringify(body)}: ${JSON.stringify(response.body)}`);
    }
    const missing = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email: address(), ...OAUTH2_ACCOUNT });
    assert.match(missing.body.details.custom_email_smtp_password, /custom_email_smtp_oauth2/, 'a password or OAuth 2.0 credentials');
    const stored = await t.ctx.db.db.selectFrom('oauth2_grants').selectAll().where('project_id', '=', project.id).execute();
    assert.equal(stored.length, 0, 'no credentials stored');
  });

  it('stores OAuth 2.0 credentials sealed instead of a password, shows them without secrets, and switches back and forth', async () => {
    const project = await t.project(owner);
    const set = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email: address(), ...OAUTH2_ACCOUNT, custom_email_smtp_oauth2: OAUTH2 });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.custom_email_state, 'started');
    assert.equal(set.body.custom_email_smtp_password_set, false);
    assert.deepEqual(set.body.custom_email_smtp_oauth2, {
      provider: 'microsoft',
      token_url: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      client_id: 'app-1234',
      scope: 'offline_access https://outlook.office.com/SMTP.Send',
      access_token_expires_at: null,
      refreshed_at: null,
      last_error: null,
      last_error_at: null,
    });
    for (const secret of [OAUTH2.client_secret, OAUTH2.refresh_token]) assert.equal(JSON.stringify(set.body).includes(secret), false, 'never returned');
    const credentials = () => t.ctx.db.db.selectFrom('custom_email_credentials').selectAll().where('project_id', '=', project.id).executeTakeFirstOrThrow();
    const grants = () => t.ctx.db.db.selectFrom('oauth2_grants').selectAll().where('project_id', '=', project.id).execute();
    const row = await credentials();
    assert.equal(row.smtp_password_sealed, null);
    const [grant] = await grants();
    assert.equal(row.oauth2_grant_id, grant?.id);
    assert.equal(grant?.refresh_token_sealed.includes(OAUTH2.refresh_token), false, 'sealed, not in clear');
    assert.equal(t.ctx.secrets.open(grant?.refresh_token_sealed ?? '', 'oauth2_refresh_token'), OAUTH2.refresh_token);
    assert.equal(t.ctx.secrets.open(grant?.client_secret_sealed ?? '', 'oauth2_client_secret'), OAUTH2.client_secret);
    const reporter = await t.member(project, { level: 20 });
    const seen = await t.request(reporter.token, 'GET', deskOf(project.id));
    assert.equal(seen.body.custom_email_smtp_oauth2, null, 'reporters do not see the account');

    const started = set.body.custom_email_verification_started_at;
    const plain = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email_smtp_authentication: 'login' });
    assert.equal(plain.status, 400, 'no password AUTH method for an OAuth 2.0 account');
    const moved = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email_smtp_address: 'smtp.elsewhere.example' });
    assert.equal(moved.status, 400);
    assert.ok('custom_email_smtp_oauth2' in moved.body.details, 'credentials must be given again for another server');

    await new Promise((resolve) => setTimeout(resolve, 5));
    const toPassword = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email_smtp_password: 'app-password-1' });
    assert.equal(toPassword.status, 200, JSON.stringify(toPassword.body));
    assert.equal(toPassword.body.custom_email_smtp_password_set, true);
    assert.equal(toPassword.body.custom_email_smtp_oauth2, null);
    assert.notEqual(toPassword.body.custom_email_verification_started_at, started, 'a new way to sign in is verified again');
    assert.equal((await credentials()).oauth2_grant_id, null);
    assert.equal((await grants()).length, 0, 'the replaced credentials are removed');

    const back = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email_smtp_oauth2: { ...OAUTH2, provider: 'google' } });
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.equal(back.body.custom_email_smtp_password_set, false);
    assert.equal(back.body.custom_email_smtp_oauth2?.token_url, 'https://oauth2.googleapis.com/token');
    assert.equal((await credentials()).smtp_password_sealed, null, 'the password is gone');
    const again = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email_smtp_oauth2: OAUTH2 });
    assert.equal(again.status, 200);
    assert.equal((await grants()).length, 1, 'new credentials replace the old ones');

    const reset = await t.request(owner.token, 'PUT', deskOf(project.id), { custom_email: null });
    assert.equal(reset.status, 200);
    assert.equal(reset.body.custom_email_smtp_oauth2, null);
    assert.equal((await grants()).length, 0, 'reset removes the credentials');
  });

  it('null resets it (SD-100); the address is free again for another project', async () => {
    const a = await t.project(owner);
    const b = await t.project(owner);
    const customEmail = address();
    await t.request(owner.token, 'PUT', deskOf(a.id), { custom_email: customEmail, ...ACCOUNT });
    assert.equal((await t.request(owner.token, 'PUT', deskOf(b.id), { custom_email: customEmail, ...ACCOUNT })).status, 409);
    const reset = await t.request(owner.token, 'PUT', deskOf(a.id), { custom_email: null });
    assert.equal(reset.status, 200);
    assert.equal(reset.body.custom_email_state, null);
    assert.equal(reset.body.custom_email_smtp_password_set, false);
    assert.equal((await t.request(owner.token, 'PUT', deskOf(b.id), { custom_email: customEmail, ...ACCOUNT })).status, 200);
  });
});
