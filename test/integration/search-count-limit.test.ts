// A search counts no further than 1,000 matches (SEARCH_COUNT_LIMIT, count-tickets.ts): past it the list
// leaves X-Total out and ticket_counts says "at least", while paging still reaches every match once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertTicketsInBulk } from '../helpers/bulk-tickets.ts';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';

const MATCHES_OPEN = 1010;

describe('search count limit', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: number;
  before(async () => {
    t = await startTestApp();
    owner = await t.user();
    projectId = (await t.project(owner, { path: 'walruses' })).id;
    await insertTicketsInBulk(t.ctx.db, projectId, [
      ...Array.from({ length: MATCHES_OPEN - 1 }, (_, i) => ({ title: `Walrus number ${i + 1}`, state: 'opened' as const })),
      { title: 'Walrus and narwhal', state: 'opened' },
      ...[1, 2, 3].map((k) => ({ title: `Closed walrus ${k}`, state: 'closed' as const })),
      { title: 'Seal', state: 'opened' },
    ]);
  });
  after(() => t.close());

  const list = (query: string) => t.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets?${query}`);

  it('leaves X-Total out past 1,000 matches and says "at least" in ticket_counts', async () => {
    const first = await list('search=walrus');
    assert.equal(first.status, 200);
    assert.equal(first.body.length, 20);
    assert.equal(first.headers['x-total'], undefined, 'no X-Total past the limit');
    assert.ok(first.headers['x-next-cursor']);
    assert.equal(first.body[0].iid, MATCHES_OPEN, 'newest first');

    const counts = await t.request(owner.token, 'GET', `/api/v1/projects/${projectId}/ticket_counts?search=walrus`);
    assert.deepEqual(counts.body, { opened: 1000, closed: 3, all: 1003, at_least: ['opened', 'all'] });
    const unsearched = await t.request(owner.token, 'GET', `/api/v1/projects/${projectId}/ticket_counts`);
    assert.deepEqual(unsearched.body, { opened: MATCHES_OPEN + 1, closed: 3, all: MATCHES_OPEN + 4, at_least: [] });
  });

  it('pages through every match once, past the limit', async () => {
    const seen = new Set<number>();
    let cursor: string | undefined;
    do {
      const page = await list(`search=walrus&per_page=100${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200);
      for (const ticket of page.body) {
        assert.ok(!seen.has(ticket.iid), `#${ticket.iid} twice`);
        seen.add(ticket.iid);
      }
      cursor = page.headers['x-next-cursor'] as string | undefined;
    } while (cursor);
    assert.equal(seen.size, MATCHES_OPEN);
  });

  it('counts exactly below the limit, from any of the words', async () => {
    for (const search of ['walrus narwhal', 'narwhal walrus', 'closed walrus']) {
      const state = search.startsWith('closed') ? 'closed' : 'opened';
      const found = await list(`search=${encodeURIComponent(search)}&state=${state}`);
      const expected = state === 'closed' ? 3 : 1;
      assert.equal(found.body.length, expected, search);
      assert.equal(found.headers['x-total'], String(expected), search);
    }
  });
});
