// Label lists of any length answer 400, not 500 (issue 9): the rules of domain/label-rules.ts hold on
// every path that takes labels — PUT …/tickets/:iid, the list's `labels` filter, /label in a note (the
// labels beyond a ticket's limit are skipped and said so), an extra address's labels.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_LABELS } from '../../src/domain/label-rules.ts';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';

const many = (n: number, prefix = 'l') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('label limits', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: number;
  let iid: number;
  before(async () => {
    t = await startTestApp();
    owner = await t.user();
    projectId = (await t.project(owner, { path: 'labels' })).id;
    iid = (await t.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets`, { title: 'Labelled', description: 'x' })).body.iid;
  });
  after(() => t.close());

  const ticketUrl = (rest = '') => `/api/v1/projects/${projectId}/tickets/${iid}${rest}`;
  const labels = async () => (await t.request(owner.token, 'GET', ticketUrl())).body.labels as string[];

  it('PUT: up to the limit is stored; beyond it, or a label too long, is a 400 and nothing changes', async () => {
    const ok = await t.request(owner.token, 'PUT', ticketUrl(), { labels: many(MAX_LABELS) });
    assert.equal(ok.status, 200, JSON.stringify(ok.body).slice(0, 300));
    assert.equal((await labels()).length, MAX_LABELS);
    for (const [why, body] of [
      ['one too many', { labels: many(MAX_LABELS + 1, 'm') }],
      ['forty thousand', { labels: many(40_000, 'n') }],
      ['forty thousand as a string', { labels: many(40_000, 'n').join(',') }],
      ['too long', { labels: ['x'.repeat(256)] }],
    ] as const) {
      const refused = await t.request(owner.token, 'PUT', ticketUrl(), body);
      assert.equal(refused.status, 400, `${why}: ${JSON.stringify(refused.body).slice(0, 300)}`);
      assert.match(JSON.stringify(refused.body), /labels/, `${why}: names the field`);
    }
    assert.equal((await labels()).length, MAX_LABELS, 'unchanged');
    await t.request(owner.token, 'PUT', ticketUrl(), { labels: [] });
  });

  it('the list filter: up to the limit answers, beyond it is a 400', async () => {
    const list = (names: string[]) => t.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets?labels=${encodeURIComponent(names.join(','))}`);
    assert.equal((await list(many(MAX_LABELS))).status, 200);
    for (const n of [MAX_LABELS + 1, 5_000]) {
      const refused = await list(many(n));
      assert.equal(refused.status, 400, `${n}: ${JSON.stringify(refused.body).slice(0, 300)}`);
    }
    const counts = await t.request(owner.token, 'GET', `/api/v1/projects/${projectId}/ticket_counts?labels=${many(5_000).join(',')}`);
    assert.equal(counts.status, 400, JSON.stringify(counts.body).slice(0, 300));
  });

  it('the list filter finds the tickets that carry every label asked for, however many', async () => {
    const ticket = async (title: string, labels: string[]) => {
      const created = await t.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets`, { title, description: 'x' });
      await t.request(owner.token, 'PUT', `/api/v1/projects/${projectId}/tickets/${created.body.iid}`, { labels });
    };
    await ticket('both', ['alpha', 'beta']);
    await ticket('alpha only', ['alpha']);
    await ticket('all of them', many(MAX_LABELS, 'k'));
    const titles = async (names: string[]) => {
      const listed = await t.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets?state=all&labels=${encodeURIComponent(names.join(','))}`);
      assert.equal(listed.status, 200, JSON.stringify(listed.body).slice(0, 300));
      return (listed.body as { title: string }[]).map((k) => k.title).sort();
    };
    assert.deepEqual(await titles(['alpha', 'beta']), ['both']);
    assert.deepEqual(await titles(['beta', 'alpha', 'alpha']), ['both'], 'a label named twice counts once');
    assert.deepEqual(await titles(['alpha']), ['alpha only', 'both']);
    assert.deepEqual(await titles(many(MAX_LABELS, 'k')), ['all of them']);
    assert.deepEqual(await titles([...many(MAX_LABELS - 1, 'k'), 'alpha']), [], 'one label missing is not a match');
  });

  it('/label in a note adds up to the limit and says what it skipped', async () => {
    await t.request(owner.token, 'PUT', ticketUrl(), { labels: ['first'] });
    const body = `Sorting this out\n/label ${many(40_000, '~q').join(' ')}`;
    const added = await t.request(owner.token, 'POST', ticketUrl('/notes'), { body });
    assert.equal(added.status, 201, JSON.stringify(added.body).slice(0, 300));
    assert.ok(added.body.commands.summary.includes(`Skipped ${40_000 - (MAX_LABELS - 1)} labels: a ticket has at most ${MAX_LABELS}.`), 'says so');
    const now = await labels();
    assert.equal(now.length, MAX_LABELS);
    assert.ok(now.includes('first') && now.includes('q0') && !now.includes(`q${MAX_LABELS}`), 'the first ones, in order');
  });

  it('an extra address: more labels than a ticket may carry is a 400', async () => {
    const url = `/api/v1/projects/${projectId}/service_desk/addresses`;
    const refused = await t.request(owner.token, 'POST', url, { key: 'billing', labels: many(MAX_LABELS + 1) });
    assert.equal(refused.status, 400, JSON.stringify(refused.body).slice(0, 300));
    const ok = await t.request(owner.token, 'POST', url, { key: 'billing', labels: ['billing'] });
    assert.equal(ok.status, 201, JSON.stringify(ok.body).slice(0, 300));
  });
});
