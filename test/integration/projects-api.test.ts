import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, uniqueName, type TestApp } from '../helpers/test-app.ts';

describe('projects API', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('creates a private project with the caller as owner and the service desk on (SD-02)', async () => {
    const alice = await t.user();
    const path = uniqueName('acme-');
    const created = await t.request(alice.token, 'POST', '/api/v1/projects', { name: 'Acme', path });
    assert.equal(created.status, 201);
    assert.equal(created.body.path, path);
    assert.equal(created.body.visibility, 'private');
    assert.equal(typeof created.body.id, 'number');

    const members = await t.request(alice.token, 'GET', `/api/v1/projects/${created.body.id}/members`);
    assert.deepEqual(
      members.body.map((m: any) => [m.id, m.access_level]),
      [[alice.user.id, 50]],
    );

    const desk = await t.request(alice.token, 'GET', `/api/v1/projects/${created.body.id}/service_desk`);
    assert.equal(desk.status, 200);
    assert.equal(desk.body.enabled, true);
    assert.equal(desk.body.tickets_confidential_by_default, true);
  });

  it('finds a project by its URL-encoded path', async () => {
    const alice = await t.user();
    const path = `${uniqueName('grp')}/sub/app`;
    const project = await t.project(alice, { path });
    const found = await t.request(alice.token, 'GET', `/api/v1/projects/${encodeURIComponent(path)}`);
    assert.equal(found.status, 200);
    assert.equal(found.body.id, project.id);
  });

  it('refuses a duplicate path with 409 and a bad path with 400 naming the field', async () => {
    const alice = await t.user();
    const project = await t.project(alice);
    const duplicate = await t.request(alice.token, 'POST', '/api/v1/projects', { name: 'Again', path: project.path.toUpperCase() });
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.body.error, 'conflict');
    const bad = await t.request(alice.token, 'POST', '/api/v1/projects', { name: 'Bad', path: 'no spaces please' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, 'invalid');
    assert.ok(bad.body.details.path, 'bad.body.details.path');
    const missing = await t.request(alice.token, 'POST', '/api/v1/projects', { path: 'x' });
    assert.equal(missing.status, 400);
    assert.ok(missing.body.details.name, 'missing.body.details.name');
  });

  it('hides private projects from non-members (404) and lists only visible ones', async () => {
    const alice = await t.user();
    const bob = await t.user();
    const secret = await t.project(alice, { visibility: 'private' });
    const open = await t.project(alice, { visibility: 'internal' });
    assert.equal((await t.request(bob.token, 'GET', `/api/v1/projects/${secret.id}`)).status, 404);
    assert.equal((await t.request(bob.token, 'GET', `/api/v1/projects/${open.id}`)).status, 200);
    const listed = await t.request(bob.token, 'GET', '/api/v1/projects?per_page=100');
    const ids = listed.body.map((p: any) => p.id);
    assert.ok(ids.includes(open.id), 'ids.includes(open.id)');
    assert.ok(!ids.includes(secret.id), '!ids.includes(secret.id)');
  });

  it('PUT is partial: only the given fields change', async () => {
    const alice = await t.user();
    const project = await t.project(alice, { name: 'Before', visibility: 'internal' });
    const updated = await t.request(alice.token, 'PUT', `/api/v1/projects/${project.id}`, { name: 'After' });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.name, 'After');
    assert.equal(updated.body.path, project.path);
    assert.equal(updated.body.visibility, 'internal');
  });
});
