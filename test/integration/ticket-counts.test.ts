// The maintained counters behind X-Total and GET …/ticket_counts: after every way a ticket comes to be or
// changes state or confidentiality (mail, API, quick actions, conversion, a customer's reply that reopens)
// they equal a count of the rows, and what each role is told matches what the list shows them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCESS_LEVELS } from '../../src/domain/access-levels.ts';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

describe('ticket counters', () => {
  let desk: MailDesk;
  let agent: TestUser;
  let guest: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk({ relay: false });
    agent = await desk.user();
    const project = await desk.project(agent, { path: 'counted', visibility: 'internal' });
    projectId = project.id;
    guest = await desk.member(project, { level: ACCESS_LEVELS.guest });
    address = (await desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
    const settings = await desk.request(agent.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, {
      reopen_issue_on_external_participant_note: true,
    });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
  });
  after(() => desk.close());

  const tickets = (rest = '') => `/api/v1/projects/${projectId}/tickets${rest}`;
  const counts = (token = agent.token, query = '') => desk.request(token, 'GET', `/api/v1/projects/${projectId}/ticket_counts${query}`).then((r) => r.body);
  const comment = async (iid: number, body: string) => {
    const added = await desk.request(agent.token, 'POST', tickets(`/${iid}/notes`), { body });
    assert.ok(added.status < 300, JSON.stringify(added.body));
  };

  /** The counters against count(*) over the rows, per (state, confidential), for every project. */
  async function assertCountersMatchRows(when: string) {
    const db = desk.ctx.db.db;
    const key = (r: { project_id: number; state: string; confidential: number; n: number | string }) =>
      `${r.project_id}/${r.state}/${r.confidential}=${Number(r.n)}`;
    const counted = (await db.selectFrom('ticket_counts').selectAll().where('n', '<>', 0).execute()).map(key).sort();
    const rows = (
      await db
        .selectFrom('tickets')
        .select(['project_id', 'state', 'confidential', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['project_id', 'state', 'confidential'])
        .execute()
    )
      .map(key)
      .sort();
    assert.deepEqual(counted, rows, `counters after ${when}`);
  }

  async function mailTicket(from: string, subject: string): Promise<number> {
    await desk.send({ from, to: address, subject, text: 'Please help' });
    await desk.settle();
    const row = await desk.ctx.db.db.selectFrom('tickets').select('iid').where('project_id', '=', projectId).where('title', '=', subject).executeTakeFirst();
    assert.ok(row, `a ticket for ${subject}`);
    return row.iid;
  }

  it('stay equal to the rows through mail, the API, quick actions, conversion and a reopening reply', async () => {
    const mailed = await mailTicket('first@customer.test', 'Counted by mail');
    await assertCountersMatchRows('a ticket opened by mail');
    const made = (await desk.request(agent.token, 'POST', tickets(), { title: 'Phone call', confidential: false })).body;
    await assertCountersMatchRows('a ticket opened through the API');
    await desk.request(agent.token, 'PUT', tickets(`/${made.iid}`), { state_event: 'close' });
    await assertCountersMatchRows('closing through the API');
    await desk.request(agent.token, 'PUT', tickets(`/${made.iid}`), { state_event: 'reopen', confidential: true });
    await assertCountersMatchRows('reopening and making confidential at once');
    await comment(made.iid, '/confidential\n/close');
    await comment(made.iid, '/reopen');
    await assertCountersMatchRows('quick actions');
    const walkIn = (await desk.request(agent.token, 'POST', tickets(), { title: 'Walk-in', confidential: false })).body;
    await comment(walkIn.iid, '/convert_to_ticket walkin@customer.test');
    assert.equal((await desk.request(agent.token, 'GET', tickets(`/${walkIn.iid}`))).body.confidential, true, 'conversion made it confidential');
    await assertCountersMatchRows('a conversion that made the ticket confidential');

    await comment(mailed, '/close');
    const thankYou = await desk.ctx.db.db
      .selectFrom('outbound_messages as o')
      .innerJoin('tickets as t', 't.id', 'o.ticket_id')
      .select('o.reply_to')
      .where('t.iid', '=', mailed)
      .where('t.project_id', '=', projectId)
      .where('o.kind', '=', 'thank_you')
      .executeTakeFirstOrThrow();
    const replyAddress = /<([^>]+)>/.exec(thankYou.reply_to ?? '')?.[1] ?? thankYou.reply_to!;
    await desk.send({ from: 'first@customer.test', to: replyAddress, subject: 'Re: Counted by mail', text: 'Still broken' });
    await desk.settle();
    assert.equal((await desk.request(agent.token, 'GET', tickets(`/${mailed}`))).body.state, 'opened', 'the reply reopened it');
    await assertCountersMatchRows("a customer's reply that reopened the ticket");
  });

  it('answer ticket_counts and X-Total as the list counts, per role', async () => {
    await desk.request(agent.token, 'POST', tickets(), { title: 'Team secret', confidential: true });
    const own = await desk.request(guest.token, 'POST', tickets(), { title: 'Guest own secret', confidential: true });
    assert.equal(own.status, 201);
    for (const [who, token] of [
      ['agent', agent.token],
      ['guest', guest.token],
    ] as const) {
      const listed = { opened: 0, closed: 0, all: 0, at_least: [] };
      for (const state of ['opened', 'closed', 'all'] as const) {
        const page = await desk.request(token, 'GET', tickets(`?state=${state}&per_page=100`));
        listed[state] = page.body.length;
        assert.equal(page.headers['x-total'], String(page.body.length), `X-Total for ${who}, ${state}`);
      }
      assert.deepEqual(await counts(token), listed, `ticket_counts for ${who}`);
      const confidential = await desk.request(token, 'GET', tickets('?state=all&confidential=true&per_page=100'));
      assert.equal((await counts(token, '?confidential=true')).all, confidential.body.length, `confidential ones for ${who}`);
    }
    const guestCounts = await counts(guest.token, '?confidential=true');
    assert.equal(guestCounts.all, 1, 'a guest counts only their own confidential ticket');
  });

  it('count filtered rows when other filters apply', async () => {
    const a = (await desk.request(agent.token, 'POST', tickets(), { title: 'Labelled one', confidential: false })).body;
    const b = (await desk.request(agent.token, 'POST', tickets(), { title: 'Labelled two', confidential: false })).body;
    await desk.request(agent.token, 'PUT', tickets(`/${a.iid}`), { labels: ['tally'] });
    await desk.request(agent.token, 'PUT', tickets(`/${b.iid}`), { labels: ['tally'], state_event: 'close' });
    assert.deepEqual(await counts(agent.token, '?labels=tally'), { opened: 1, closed: 1, all: 2, at_least: [] });
    assert.deepEqual(await counts(agent.token, `?assignee_id=${agent.user.id}&labels=tally`), { opened: 0, closed: 0, all: 0, at_least: [] });
    const page = await desk.request(agent.token, 'GET', tickets('?labels=tally&state=closed'));
    assert.equal(page.headers['x-total'], '1');
  });
});
