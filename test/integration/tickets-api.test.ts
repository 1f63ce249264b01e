import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';

describe('tickets API', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: number;
  before(async () => {
    t = await startTestApp();
    owner = await t.user();
    projectId = (await t.project(owner, { path: 'queue' })).id;
  });
  after(() => t.close());

  const url = (suffix = '') => `/api/v1/projects/${projectId}/tickets${suffix}`;
  const open = async (title: string, extra: Record<string, unknown> = {}) =>
    (await t.request(owner.token, 'POST', url(), { title, description: `about ${title}`, ...extra })).body;

  it('opens tickets numbered per project, confidential by the project default', async () => {
    const a = await open('First');
    const b = await open('Second', { confidential: false });
    assert.equal(b.iid, a.iid + 1);
    assert.equal(a.confidential, true);
    assert.equal(b.confidential, false);
    assert.equal(a.author.id, owner.user.id);
    assert.equal(a.external_author, null);
    assert.match(a.web_url, new RegExp(`/projects/queue/tickets/${a.iid}$`));
  });

  it('closes and reopens with state_event, labels and assigns, each leaving a system note; PUT is partial', async () => {
    const ticket = await open('Lifecycle');
    const member = await t.member({ id: projectId }, { level: 30 });
    const changed = await t.request(owner.token, 'PUT', url(`/${ticket.iid}`), {
      state_event: 'close',
      labels: ['billing', 'needs info'],
      assignee_ids: [member.user.id],
    });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.state, 'closed');
    assert.ok(changed.body.closed_at, 'changed.body.closed_at');
    assert.deepEqual(changed.body.labels, ['billing', 'needs info']);
    assert.deepEqual(
      changed.body.assignees.map((u: { id: number }) => u.id),
      [member.user.id],
    );
    assert.equal(changed.body.title, 'Lifecycle');
    const reopened = await t.request(owner.token, 'PUT', url(`/${ticket.iid}`), { state_event: 'reopen', labels: 'billing' });
    assert.equal(reopened.body.state, 'opened');
    assert.equal(reopened.body.closed_at, null);
    assert.deepEqual(reopened.body.labels, ['billing']);
    const notes = (await t.request(owner.token, 'GET', url(`/${ticket.iid}/notes`))).body
      .filter((n: { system: boolean }) => n.system)
      .map((n: { body: string }) => n.body);
    assert.deepEqual(notes, [
      'closed',
      'added ~billing ~"needs info" labels',
      `assigned to @${member.user.username}`,
      'reopened',
      'removed ~"needs info" label',
    ]);
    const stranger = await t.user();
    assert.equal((await t.request(owner.token, 'PUT', url(`/${ticket.iid}`), { assignee_ids: [stranger.user.id] })).status, 404);
  });

  it('filters by state, label, assignee, confidentiality and search, and counts all matches in X-Total', async () => {
    const marker = `needle${Date.now()}`;
    const x = await open(`${marker} one`, { confidential: false });
    const y = await open(`${marker} two`);
    await t.request(owner.token, 'PUT', url(`/${y.iid}`), { labels: ['vip'], assignee_ids: [owner.user.id] });
    const search = await t.request(owner.token, 'GET', url(`?search=${marker}`));
    assert.deepEqual(
      search.body.map((k: { iid: number }) => k.iid),
      [y.iid, x.iid],
    );
    assert.equal(search.headers['x-total'], '2');
    assert.deepEqual(
      (await t.request(owner.token, 'GET', url(`?search=${marker}&labels=vip`))).body.map((k: { iid: number }) => k.iid),
      [y.iid],
    );
    assert.deepEqual(
      (await t.request(owner.token, 'GET', url(`?search=${marker}&assignee_id=None`))).body.map((k: { iid: number }) => k.iid),
      [x.iid],
    );
    assert.deepEqual(
      (await t.request(owner.token, 'GET', url(`?search=${marker}&assignee_id=${owner.user.id}`))).body.map((k: { iid: number }) => k.iid),
      [y.iid],
    );
    assert.deepEqual(
      (await t.request(owner.token, 'GET', url(`?search=${marker}&confidential=false`))).body.map((k: { iid: number }) => k.iid),
      [x.iid],
    );
    assert.deepEqual(
      (await t.request(owner.token, 'GET', url(`?search=%23${x.iid}`))).body.map((k: { iid: number }) => k.iid),
      [x.iid],
    );
    await t.request(owner.token, 'PUT', url(`/${x.iid}`), { state_event: 'close' });
    assert.deepEqual(
      (await t.request(owner.token, 'GET', url(`?search=${marker}&state=closed`))).body.map((k: { iid: number }) => k.iid),
      [x.iid],
    );
    assert.equal((await t.request(owner.token, 'GET', url(`?search=${marker}&state=all`))).body.length, 2);
  });

  it('pages by keyset in both directions without gaps or repeats', async () => {
    const ids: number[] = [];
    for (const order of ['desc', 'asc']) {
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.request(owner.token, 'GET', url(`?state=all&per_page=2&sort=${order}${cursor ? `&cursor=${cursor}` : ''}`));
        seen.push(...page.body.map((k: { iid: number }) => k.iid));
        cursor = page.headers['x-next-cursor'] as string | undefined;
      } while (cursor);
      assert.equal(new Set(seen).size, seen.length);
      assert.deepEqual(
        seen,
        [...seen].sort((a, b) => (order === 'asc' ? a - b : b - a)),
      );
      ids.push(seen.length);
    }
    assert.equal(ids[0], ids[1]);
  });

  it('reads a conversation of 201 notes in pages of up to 200 (other lists stop at 100)', async () => {
    const ticket = await open('A long thread');
    for (let i = 1; i <= 201; i++) {
      const note = await t.request(owner.token, 'POST', url(`/${ticket.iid}/notes`), { body: `note ${i}`, internal: true });
      assert.equal(note.status, 201, `note ${i}: ${JSON.stringify(note.body)}`);
    }
    const first = await t.request(owner.token, 'GET', url(`/${ticket.iid}/notes?per_page=500`));
    assert.equal(first.body.length, 200, 'per_page is clamped to 200 for notes');
    assert.equal(first.body[0].body, 'note 1', 'oldest first');
    const cursor = first.headers['x-next-cursor'] as string | undefined;
    assert.ok(cursor, 'a 201st note means a next page');
    const second = await t.request(owner.token, 'GET', url(`/${ticket.iid}/notes?per_page=200&cursor=${cursor}`));
    assert.deepEqual(
      second.body.map((n: { body: string }) => n.body),
      ['note 201'],
      'the rest',
    );
    assert.equal(second.headers['x-next-cursor'], undefined, 'and no further page');
  });

  it("shows a guest the project's non-confidential tickets and their own confidential ones", async () => {
    const guest = await t.member({ id: projectId }, { level: 10 });
    const theirs = (await t.request(guest.token, 'POST', url(), { title: 'Guest report', confidential: true })).body;
    const hidden = await open('Team only');
    const listed = (await t.request(guest.token, 'GET', url('?per_page=100'))).body.map((k: { iid: number }) => k.iid);
    assert.ok(listed.includes(theirs.iid), 'listed.includes(theirs.iid)');
    assert.ok(!listed.includes(hidden.iid), '!listed.includes(hidden.iid)');
    assert.equal((await t.request(guest.token, 'GET', url(`/${hidden.iid}`))).status, 404);
  });

  it('does not let a search confirm an address that is masked for the searcher (SD-86)', async () => {
    const visible = await open('Address inside', { confidential: false, description: 'Write to secret.person@hidden.example' });
    const guest = await t.member({ id: projectId }, { level: 10 });
    const asGuest = await t.request(guest.token, 'GET', url('?search=secret.person@hidden.example'));
    assert.deepEqual(asGuest.body, []);
    const asOwner = await t.request(owner.token, 'GET', url('?search=secret.person@hidden.example'));
    assert.deepEqual(
      asOwner.body.map((k: { iid: number }) => k.iid),
      [visible.iid],
    );
  });
});
