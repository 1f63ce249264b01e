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
