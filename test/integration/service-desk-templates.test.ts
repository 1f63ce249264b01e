// The template API: the default until a maintainer saves one, reset by a blank save, who may read and
// write, and the preview against a real ticket.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProjectRow } from '../../src/db/schema/projects.ts';
import { DEFAULT_TEMPLATES } from '../../src/domain/mail-templates.ts';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';

describe('service desk templates API', () => {
  let t: TestApp;
  let owner: TestUser;
  let project: ProjectRow;
  let url: string;
  const as: Record<'guest' | 'reporter' | 'developer' | 'maintainer', TestUser> = {} as never;

  before(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'http://desk.test' } });
    owner = await t.user();
    project = await t.project(owner, { path: 'acme-help' });
    for (const [role, level] of [
      ['guest', 10],
      ['reporter', 20],
      ['developer', 30],
      ['maintainer', 40],
    ] as const)
      as[role] = await t.member(project, { level });
    url = `/api/v1/projects/${project.id}/service_desk/templates`;
  });
  after(() => t.close());

  it('answers the built-in default until one is saved', async () => {
    for (const name of ['thank_you', 'new_note', 'new_participant'] as const) {
      const res = await t.request(as.reporter.token, 'GET', `${url}/${name}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { name, content: DEFAULT_TEMPLATES[name], default: true });
    }
  });

  it('saves a template, and resets it with null or blank content', async () => {
    const saved = await t.request(as.maintainer.token, 'PUT', `${url}/thank_you`, { content: 'Thanks! %{ISSUE_ID}' });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body, { name: 'thank_you', content: 'Thanks! %{ISSUE_ID}', default: false });
    const again = await t.request(owner.token, 'PUT', `${url}/thank_you`, { content: 'Thanks again %{ISSUE_ID}' });
    assert.equal(again.body.content, 'Thanks again %{ISSUE_ID}');
    assert.deepEqual((await t.request(as.reporter.token, 'GET', `${url}/thank_you`)).body, again.body);
    for (const content of [null, '', '  \n']) {
      await t.request(as.maintainer.token, 'PUT', `${url}/thank_you`, { content: 'custom' });
      const reset = await t.request(as.maintainer.token, 'PUT', `${url}/thank_you`, { content });
      assert.equal(reset.status, 200);
      assert.deepEqual(reset.body, { name: 'thank_you', content: DEFAULT_TEMPLATES.thank_you, default: true });
    }
    assert.equal((await t.request(as.reporter.token, 'GET', `${url}/thank_you`)).body.default, true);
  });

  it('lets guests read nothing, reporters read, only maintainers and up write', async () => {
    assert.equal((await t.request(as.guest.token, 'GET', `${url}/new_note`)).status, 403);
    assert.equal((await t.request(as.reporter.token, 'GET', `${url}/new_note`)).status, 200);
    assert.equal((await t.request(as.developer.token, 'GET', `${url}/new_note`)).status, 200);
    for (const who of [as.guest, as.reporter, as.developer]) {
      const res = await t.request(who.token, 'PUT', `${url}/new_note`, { content: 'nope' });
      assert.equal(res.status, 403);
      assert.equal(res.body.error, 'forbidden');
    }
    assert.equal((await t.request(as.reporter.token, 'GET', `${url}/new_note`)).body.default, true);
    assert.equal((await t.request(as.maintainer.token, 'PUT', `${url}/new_note`, { content: '%{NOTE_TEXT}' })).status, 200);
    assert.equal((await t.request(null, 'GET', `${url}/new_note`)).status, 401);
  });

  it('refuses an unknown template name and a too long template', async () => {
    const unknown = await t.request(as.maintainer.token, 'GET', `${url}/goodbye`);
    assert.equal(unknown.status, 400);
    const long = await t.request(as.maintainer.token, 'PUT', `${url}/thank_you`, { content: 'x'.repeat(100_001) });
    assert.equal(long.status, 400);
  });

  it('previews the given or saved template against a ticket, escaping what the ticket says', async () => {
    const ticket = await t.request(owner.token, 'POST', `/api/v1/projects/${project.id}/tickets`, {
      title: 'Broken <b>',
      description: 'It broke <script>alert(1)</script>',
    });
    assert.equal(ticket.status, 201);
    const iid = ticket.body.iid;
    const given = await t.request(as.reporter.token, 'POST', `${url}/thank_you/preview`, {
      content: '**%{ISSUE_PATH}**: %{ISSUE_DESCRIPTION} %{ISSUE_URL}',
      ticket_iid: iid,
    });
    assert.equal(given.status, 200);
    assert.equal(given.body.subject, `Re: Broken <b> (#${iid})`);
    assert.ok(
      given.body.text.startsWith(`**acme-help#${iid}**: It broke <script>alert(1)</script> http://desk.test/projects/acme-help/tickets/${iid}`),
      given.body.text,
    );
    assert.ok(given.body.html.includes(`<strong>acme-help#${iid}</strong>: It broke &lt;script&gt;alert(1)&lt;/script&gt;`), given.body.html);
    assert.ok(!given.body.html.includes('<script'), given.body.html);
    assert.ok(given.body.html.includes('http://desk.test/-/unsubscribe/preview'), 'the unsubscribe line is added');

    await t.request(as.maintainer.token, 'PUT', `${url}/new_participant`, { content: 'Saved %{ISSUE_ID}' });
    const saved = await t.request(as.reporter.token, 'POST', `${url}/new_participant/preview`, { ticket_iid: iid });
    assert.ok(saved.body.text.startsWith(`Saved #${iid}`), saved.body.text);
    const missing = await t.request(as.reporter.token, 'POST', `${url}/new_participant/preview`, { ticket_iid: 9999 });
    assert.equal(missing.status, 404);
    assert.equal((await t.request(as.guest.token, 'POST', `${url}/new_participant/preview`, { ticket_iid: iid })).status, 403);
  });
});
