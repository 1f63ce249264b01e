// Mail provenance (issue 7, "Ticket"): a ticket opened by mail and a note made from a received mail say
// which mail it was — From, To, Cc, why it was routed here (matched_by) and the inbound message's id —
// with the addresses masked below reporter. Mail goes through the real ingest job (parse → screen →
// route → convert), so Cc is what ingest stored. Also: the notes POST masks by the flag its use case
// returns (a guest's own comment shows addresses as every other read does).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { receiveInboundMessage } from '../../src/app/inbound/receive-inbound-message.ts';
import type { JobRow } from '../../src/db/schema/jobs.ts';
import type { ProjectRow } from '../../src/db/schema/projects.ts';
import { ingestJobHandler } from '../../src/mail/inbound/ingest-job.ts';
import { startTestApp, uniqueName, type TestApp, type TestUser } from '../helpers/test-app.ts';

const CUSTOMER = 'user@example.com';
const CUSTOMER_MASKED = 'us*****@e*****.c**';
const COLLEAGUE = 'carol@customer.org';
const COLLEAGUE_MASKED = 'ca*****@c*****.o**';

describe('mail provenance on tickets and notes', () => {
  let t: TestApp;
  let owner: TestUser;
  let guest: TestUser;
  let reporter: TestUser;
  let project: ProjectRow;
  let desk: string;
  let iid: number;
  let openingId: number;
  let replyId: number;

  /** Stores a raw mail as the SMTP receiver does, then runs the ingest job on it as the worker would. */
  async function deliver(lines: string[], envelopeTo: string): Promise<number> {
    const raw = Buffer.from([...lines, 'Content-Type: text/plain; charset=utf-8', '', 'My printer is on fire.', ''].join('\r\n'));
    const { id } = await receiveInboundMessage(t.ctx, { raw, channel: 'smtp', envelopeFrom: CUSTOMER, envelopeTo: [envelopeTo] });
    await ingestJobHandler(t.ctx).run({ inboundMessageId: id }, {} as JobRow);
    const row = await t.ctx.db.db.selectFrom('inbound_messages').select(['state', 'reason', 'error']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'processed', JSON.stringify(row));
    return id;
  }

  const get = async (user: TestUser, path: string) => {
    const response = await t.request(user.token, 'GET', `/api/v1/projects/${project.id}/tickets${path}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body;
  };

  before(async () => {
    t = await startTestApp();
    owner = await t.user();
    project = await t.project(owner, { visibility: 'internal' });
    guest = await t.member(project, { level: 10 });
    reporter = await t.member(project, { level: 20 });
    await t.request(owner.token, 'PUT', `/api/v1/projects/${project.id}/service_desk`, { tickets_confidential_by_default: false });
    desk = (await t.request(owner.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.service_desk_address;

    openingId = await deliver(
      [`From: Customer <${CUSTOMER}>`, `To: ${desk}`, `Cc: Carol <${COLLEAGUE}>`, 'Subject: Printer', `Message-ID: <${uniqueName('m')}@customer.example>`],
      desk,
    );
    const opened = await t.ctx.db.db
      .selectFrom('inbound_messages as m')
      .innerJoin('tickets as t', 't.id', 'm.ticket_id')
      .select('t.iid')
      .where('m.id', '=', openingId);
    iid = (await opened.executeTakeFirstOrThrow()).iid;
    // The customer answers the thank-you through its reply key.
    const thankYou = await t.ctx.db.db.selectFrom('outbound_messages').select('reply_to').where('kind', '=', 'thank_you').executeTakeFirstOrThrow();
    const replyAddress = /<([^>]+)>/.exec(thankYou.reply_to ?? '')![1]!;
    replyId = await deliver(
      [`From: ${CUSTOMER}`, `To: ${replyAddress}`, 'Subject: Re: Printer', `Message-ID: <${uniqueName('m')}@customer.example>`],
      replyAddress,
    );
  });
  after(() => t.close());

  it('the ticket names the mail that opened it, for a reporter in clear', async () => {
    const ticket = await get(reporter, `/${iid}`);
    assert.deepEqual(ticket.email, { from: CUSTOMER, to: [desk], cc: [COLLEAGUE], matched_by: 'project_key', inbound_message_id: openingId });
    const listed = (await get(reporter, '?state=all')).find((x: any) => x.iid === iid);
    assert.deepEqual(listed.email, ticket.email, 'the queue shows the same');
  });

  it("a customer's reply names its mail; agents' notes and system notes name none", async () => {
    await t.request(reporter.token, 'POST', `/api/v1/projects/${project.id}/tickets/${iid}/notes`, { body: 'On my way', internal: true });
    const notes = await get(reporter, `/${iid}/notes?per_page=100`);
    const reply = notes.find((n: any) => n.email !== null);
    assert.ok(reply, JSON.stringify(notes));
    assert.deepEqual(reply.email, { from: CUSTOMER, to: [reply.email.to[0]], cc: [], matched_by: 'reply_key', inbound_message_id: replyId });
    assert.match(reply.email.to[0], /^support\+[0-9a-f]{32}@/, 'the reply-key address it was sent to');
    assert.equal(notes.filter((n: any) => n.email !== null).length, 1, JSON.stringify(notes));
  });

  it('below reporter every address in it is masked', async () => {
    const ticket = await get(guest, `/${iid}`);
    assert.equal(ticket.email.from, CUSTOMER_MASKED);
    assert.deepEqual(ticket.email.cc, [COLLEAGUE_MASKED]);
    assert.notEqual(ticket.email.to[0], desk);
    assert.match(ticket.email.to[0], /\*{5}/);
    const notes = await get(guest, `/${iid}/notes?per_page=100`);
    const text = JSON.stringify([ticket, notes]);
    for (const address of [CUSTOMER, COLLEAGUE, desk]) assert.ok(!text.includes(address), `a guest is shown ${address}`);
    assert.equal(notes.find((n: any) => n.email)?.email.from, CUSTOMER_MASKED);
  });

  it('the mail log shows Cc as ingest stored it', async () => {
    const message = await t.request(owner.token, 'GET', `/api/v1/inbound_messages/${openingId}`);
    assert.deepEqual(message.body.cc, [COLLEAGUE]);
  });

  it('a ticket a member opened has no mail', async () => {
    const created = await t.request(owner.token, 'POST', `/api/v1/projects/${project.id}/tickets`, { title: 'Phone call' });
    assert.equal(created.body.email, null);
    assert.equal((await get(owner, `/${created.body.iid}`)).email, null);
  });

  it("the notes POST answers as a read would: a guest's own comment with an address is masked, a reporter's is not", async () => {
    const body = `Please write to ${CUSTOMER}`;
    const asGuest = await t.request(guest.token, 'POST', `/api/v1/projects/${project.id}/tickets/${iid}/notes`, { body });
    assert.equal(asGuest.status, 201, JSON.stringify(asGuest.body));
    assert.equal(asGuest.body.body, `Please write to ${CUSTOMER_MASKED}`);
    assert.equal(asGuest.body.email, null);
    const asReporter = await t.request(reporter.token, 'POST', `/api/v1/projects/${project.id}/tickets/${iid}/notes`, { body });
    assert.equal(asReporter.body.body, body);
  });
});
