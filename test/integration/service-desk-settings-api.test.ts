import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, uniqueName, type TestApp, type TestUser } from '../helpers/test-app.ts';

describe('service desk settings', () => {
  let t: TestApp;
  let owner: TestUser;
  before(async () => {
    t = await startTestApp({ env: { INCOMING_EMAIL_ADDRESS: 'incoming+%{key}@desk.test', SERVICE_DESK_ALIAS_ADDRESS: 'contact+%{key}@desk.test' } });
    owner = await t.user();
  });
  after(() => t.close());

  const deskOf = (id: number | string) => `/api/v1/projects/${encodeURIComponent(String(id))}/service_desk`;

  it('computes the addresses from the templates (SD-03, SD-08, SD-12)', async () => {
    const path = `${uniqueName('grp')}/Sub/App`;
    const project = await t.project(owner, { path });
    const desk = await t.request(owner.token, 'GET', deskOf(project.id));
    const slug = path.toLowerCase().replace(/[^a-z0-9]/g, '-');
    assert.equal(desk.body.incoming_address, `incoming+${slug}-${project.id}-issue-@desk.test`);
    assert.equal(desk.body.alias_address, `contact+${slug}-${project.id}-issue-@desk.test`);
    assert.equal(desk.body.service_desk_address, desk.body.alias_address);
    assert.equal(desk.body.project_key, null);
  });

  it('round-trips every setting; PUT changes only the fields given (SD-107)', async () => {
    const project = await t.project(owner);
    const changes = {
      enabled: false,
      outgoing_name: 'Acme Support',
      tickets_confidential_by_default: false,
      reopen_issue_on_external_participant_note: true,
      add_external_participants_from_cc: true,
      issue_template: 'Thanks!\n/label ~triage',
    };
    const put = await t.request(owner.token, 'PUT', deskOf(project.id), changes);
    assert.equal(put.status, 200);
    const got = await t.request(owner.token, 'GET', deskOf(project.path));
    for (const [key, value] of Object.entries(changes)) assert.deepEqual(got.body[key], value, key);
    const partial = await t.request(owner.token, 'PUT', deskOf(project.id), { enabled: true });
    assert.equal(partial.body.enabled, true);
    assert.equal(partial.body.outgoing_name, 'Acme Support');
    assert.equal(partial.body.reopen_issue_on_external_participant_note, true);
    const unknownField = await t.request(owner.token, 'PUT', deskOf(project.id), { enabeld: true });
    assert.equal(unknownField.status, 400);
  });

  it('validates project_key, stores blank as null, and puts it in the alias address (SD-08, SD-09)', async () => {
    const project = await t.project(owner, { path: uniqueName('keyed') });
    const bad = await t.request(owner.token, 'PUT', deskOf(project.id), { project_key: 'Support-1' });
    assert.equal(bad.status, 400);
    assert.ok(bad.body.details.project_key, 'bad.body.details.project_key');
    const good = await t.request(owner.token, 'PUT', deskOf(project.id), { project_key: 'support' });
    assert.equal(good.body.project_key, 'support');
    assert.equal(good.body.alias_address, `contact+${project.path}-support@desk.test`);
    assert.equal(good.body.incoming_address, `incoming+${project.path}-${project.id}-issue-@desk.test`);
    const blank = await t.request(owner.token, 'PUT', deskOf(project.id), { project_key: '' });
    assert.equal(blank.body.project_key, null);
  });

  it('refuses a project key already used under the same slug, allows it under another (SD-09, SD-10)', async () => {
    const base = uniqueName('same');
    const a = await t.project(owner, { path: base });
    const b = await t.project(owner, { path: `${base}/x` });
    const c = await t.project(owner, { path: `${base.toUpperCase()}_` });
    assert.equal((await t.request(owner.token, 'PUT', deskOf(a.id), { project_key: 'shared' })).status, 200);
    assert.equal((await t.request(owner.token, 'PUT', deskOf(b.id), { project_key: 'shared' })).status, 200);
    // `<base>_` slugs to `<base>` (the `_` becomes a trailing `-` and is trimmed), the same slug as project a.
    const clash = await t.request(owner.token, 'PUT', deskOf(c.id), { project_key: 'shared' });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.details.project_key, 'taken');
  });

  it('a rename changes the address (SD-05) and may not collide with another project key (SD-09)', async () => {
    const a = await t.project(owner, { path: uniqueName('old') });
    const renamedPath = uniqueName('new');
    const renamed = await t.request(owner.token, 'PUT', `/api/v1/projects/${a.id}`, { path: renamedPath });
    assert.equal(renamed.status, 200);
    const desk = await t.request(owner.token, 'GET', deskOf(a.id));
    assert.equal(desk.body.incoming_address, `incoming+${renamedPath}-${a.id}-issue-@desk.test`);

    const target = uniqueName('target');
    const holder = await t.project(owner, { path: target });
    await t.request(owner.token, 'PUT', deskOf(holder.id), { project_key: 'dup' });
    const mover = await t.project(owner, { path: uniqueName('mover') });
    await t.request(owner.token, 'PUT', deskOf(mover.id), { project_key: 'dup' });
    const collide = await t.request(owner.token, 'PUT', `/api/v1/projects/${mover.id}`, { path: `${target}_` });
    assert.equal(collide.status, 409);
  });

  it('accepts a custom email of the strict format, unique, and enables it only once verified (SD-90, SD-98)', async () => {
    const a = await t.project(owner);
    const b = await t.project(owner);
    const address = `${uniqueName('support')}@acme.io`;
    assert.equal((await t.request(owner.token, 'PUT', deskOf(a.id), { custom_email: 'support+x@acme.io' })).status, 400);
    const account = {
      custom_email_smtp_address: 'smtp.acme.io',
      custom_email_smtp_username: 'desk@acme.io',
      custom_email_smtp_password: 'a-secret-password',
    };
    const set = await t.request(owner.token, 'PUT', deskOf(a.id), { custom_email: address, ...account });
    assert.equal(set.status, 200);
    assert.equal(set.body.custom_email_state, 'started');
    assert.equal(set.body.custom_email_enabled, false);
    assert.notEqual(set.body.service_desk_address, address);
    const enable = await t.request(owner.token, 'PUT', deskOf(a.id), { custom_email_enabled: true });
    assert.equal(enable.status, 409);
    const taken = await t.request(owner.token, 'PUT', deskOf(b.id), { custom_email: address.toUpperCase(), ...account });
    assert.equal(taken.status, 409);
  });

  it('shows settings to reporters, lets only maintainers change them (SD-89, SD-02)', async () => {
    const project = await t.project(owner);
    const guest = await t.member(project, { level: 10 });
    const reporter = await t.member(project, { level: 20 });
    const developer = await t.member(project, { level: 30 });
    const maintainer = await t.member(project, { level: 40 });
    assert.equal((await t.request(guest.token, 'GET', deskOf(project.id))).status, 403);
    assert.equal((await t.request(reporter.token, 'GET', deskOf(project.id))).status, 200);
    assert.equal((await t.request(developer.token, 'PUT', deskOf(project.id), { enabled: false })).status, 403);
    assert.equal((await t.request(maintainer.token, 'PUT', deskOf(project.id), { enabled: false })).status, 200);
  });
});
