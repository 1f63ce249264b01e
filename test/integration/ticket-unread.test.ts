// Unread state and last activity on ticket views, ordering by last activity with keyset pages, and the
// external_author filter. The clock steps a second per reading, so every event has its own time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCESS_LEVELS } from '../../src/domain/access-levels.ts';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';

describe('unread state and last activity', () => {
  let t: TestApp;
  let agent: TestUser;
  let colleague: TestUser;
  let guest: TestUser;
  let projectId: number;
  let now = Date.parse('2026-03-01T09:00:00Z');

  before(async () => {
    const steppingClock = () => {
      now += 1000;
      return new Date(now);
    };
    t = await startTestApp({ clock: steppingClock });
    agent = await t.user();
    const project = await t.project(agent, { path: 'unread', visibility: 'internal' });
    projectId = project.id;
    colleague = await t.member(project, { level: ACCESS_LEVELS.developer });
    guest = await t.member(project, { level: ACCESS_LEVELS.guest });
  });
  after(() => t.close());

  const url = (rest = '') => `/api/v1/projects/${projectId}/tickets${rest}`;
  const view = (iid: number, token = agent.token) => t.request(token, 'GET', url(`/${iid}`)).then((r) => r.body);
  const inList = async (iid: number, token = agent.token) =>
    (await t.request(token, 'GET', url('?state=all&per_page=100'))).body.find((k: { iid: number }) => k.iid === iid);
  const open = async (title: string, token = colleague.token) => {
    const created = await t.request(token, 'POST', url(), { title, confidential: false });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { iid: number; last_activity_at: string; unread: boolean };
  };

  it('is unread for others until read, read for whoever acted, and unread again after someone else acts', async () => {
    const ticket = await open('Colleague opened it');
    assert.equal(ticket.unread, false, 'its author has read it');
    assert.equal((await view(ticket.iid, colleague.token)).unread, false);
    assert.equal((await view(ticket.iid)).unread, true, 'never read by the agent');
    assert.equal((await inList(ticket.iid)).unread, true, 'the list says the same');

    const read = await t.request(agent.token, 'POST', url(`/${ticket.iid}/read`));
    assert.equal(read.status, 204);
    assert.equal((await view(ticket.iid)).unread, false);
    assert.equal((await inList(ticket.iid)).unread, false);

    const before = (await view(ticket.iid)).last_activity_at;
    await t.request(colleague.token, 'POST', url(`/${ticket.iid}/notes`), { body: 'I called them back' });
    const afterNote = await view(ticket.iid);
    assert.ok(afterNote.last_activity_at > before, 'a note is activity');
    assert.equal(afterNote.unread, true, "a colleague's note makes it unread");
    assert.equal((await view(ticket.iid, colleague.token)).unread, false, 'but not for the colleague');

    await t.request(agent.token, 'POST', url(`/${ticket.iid}/notes`), { body: 'Thanks', internal: true });
    assert.equal((await view(ticket.iid)).unread, false, "one's own note leaves it read");
    assert.equal((await view(ticket.iid, colleague.token)).unread, true);

    await t.request(colleague.token, 'PUT', url(`/${ticket.iid}`), { labels: ['urgent'] });
    const changed = await view(ticket.iid);
    assert.equal(changed.unread, true, "a colleague's change makes it unread");
    assert.equal(changed.last_activity_at, changed.updated_at);
    assert.equal((await view(ticket.iid, colleague.token)).unread, false, "one's own change leaves it read");
  });

  it('answers 404 to marking read a ticket the caller may not see', async () => {
    const secret = (await t.request(agent.token, 'POST', url(), { title: 'Secret', confidential: true })).body;
    assert.equal((await t.request(guest.token, 'POST', url(`/${secret.iid}/read`))).status, 404);
    assert.equal((await t.request(guest.token, 'POST', url('/999999/read'))).status, 404);
  });

  it('orders by last activity and pages by keyset without gaps or repeats', async () => {
    const a = await open('Activity A');
    const b = await open('Activity B');
    const c = await open('Activity C');
    await t.request(agent.token, 'POST', url(`/${a.iid}/notes`), { body: 'A moves up' });
    const seen: number[] = [];
    const times: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.request(agent.token, 'GET', url(`?state=all&order_by=last_activity_at&per_page=2${cursor ? `&cursor=${cursor}` : ''}`));
      assert.equal(page.status, 200, JSON.stringify(page.body));
      seen.push(...page.body.map((k: { iid: number }) => k.iid));
      times.push(...page.body.map((k: { last_activity_at: string }) => k.last_activity_at));
      cursor = page.headers['x-next-cursor'] as string | undefined;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length, 'no repeats');
    assert.equal(seen.length, Number((await t.request(agent.token, 'GET', url('?state=all'))).headers['x-total']), 'no gaps');
    assert.deepEqual(times, [...times].sort().reverse(), 'newest activity first');
    assert.deepEqual(seen.slice(0, 3), [a.iid, c.iid, b.iid]);
  });
});

describe('external_author filter', () => {
  let t: TestApp;
  let agent: TestUser;
  let guest: TestUser;
  let projectId: number;
  before(async () => {
    t = await startTestApp();
    agent = await t.user();
    const project = await t.project(agent, { path: 'customers', visibility: 'internal' });
    projectId = project.id;
    guest = await t.member(project, { level: ACCESS_LEVELS.guest });
  });
  after(() => t.close());

  const url = (rest = '') => `/api/v1/projects/${projectId}/tickets${rest}`;
  const customerTicket = async (title: string, customer: string) => {
    const made = (await t.request(agent.token, 'POST', url(), { title, confidential: false })).body;
    await t.request(agent.token, 'POST', url(`/${made.iid}/notes`), { body: `/convert_to_ticket ${customer}` });
    // Converted tickets become confidential by the project's default; make them visible to the guest.
    await t.request(agent.token, 'PUT', url(`/${made.iid}`), { confidential: false });
    return made.iid as number;
  };
  const found = (query: string, token = agent.token) =>
    t.request(token, 'GET', url(`?state=all&external_author=${encodeURIComponent(query)}`)).then((r) => r.body.map((k: { iid: number }) => k.iid));

  it("finds a customer's tickets by exact address in any case, from reporter up only", async () => {
    const one = await customerTicket('First from Dana', 'Dana.Scully@fbi.example');
    const two = await customerTicket('Second from Dana', 'dana.scully@fbi.example');
    await customerTicket('From Fox', 'fox.mulder@fbi.example');
    assert.deepEqual((await found('DANA.SCULLY@FBI.EXAMPLE')).sort(), [one, two].sort());
    assert.deepEqual(await found('scully@fbi.example'), [], 'exact, not a part');
    assert.deepEqual(await found('dana.scully@fbi.example', guest.token), [], 'nothing below reporter');
    assert.equal((await t.request(guest.token, 'GET', url('?state=all'))).body.length, 3, 'though the guest sees the tickets');
    const counts = await t.request(agent.token, 'GET', `/api/v1/projects/${projectId}/ticket_counts?external_author=dana.scully@fbi.example`);
    assert.deepEqual(counts.body, { opened: 2, closed: 0, all: 2, at_least: [] });
  });
});
