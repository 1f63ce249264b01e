// Blocked senders over real SMTP (issue 9): mail from a blocked address or domain, to a project's address
// or as a reply through a reply key, is recorded `ignored: blocked_sender` in that project's mail log, makes
// nothing and mails no one — no thank-you, no `[Rejected]`. Blocking from a received message, then
// unblocking and replaying it, makes the ticket after all. A team member's own reply is not the list's to stop.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

describe('blocked senders', () => {
  let desk: MailDesk;
  let maintainer: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk();
    const owner = await desk.user();
    const project = await desk.project(owner, { path: 'blocking' });
    projectId = project.id;
    maintainer = await desk.member(project, { level: 40 });
    address = (await desk.request(maintainer.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
  });
  after(() => desk.close());

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => desk.request(maintainer.token, method, `/api/v1${url}`, body);
  const block = async (value: string) => {
    const answer = await api('POST', `/projects/${projectId}/blocked_senders`, { value, note: 'spam' });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body as { id: number; kind: string; value: string };
  };
  const latest = async () => (await api('GET', `/inbound_messages?project_id=${projectId}&per_page=1`)).body[0];
  const ticketCount = async () => Number((await api('GET', `/projects/${projectId}/tickets?state=all`)).headers['x-total']);
  const mailsTo = (to: string) => desk.sink.mails.filter((m) => m.envelopeTo.includes(to));

  it('ignores a blocked address and a blocked domain (subdomains too) with the reason, in the project, mailing no one', async () => {
    await block('Spammer@Bad.test');
    const domain = await block('@spam.test');
    assert.deepEqual([domain.kind, domain.value], ['domain', 'spam.test'], 'the domain is stored bare and lower-case');
    const before = { tickets: await ticketCount(), mails: desk.sink.mails.length };

    await desk.send({ from: 'spammer@bad.test', to: address, subject: 'Buy now', text: 'cheap' });
    await desk.settle();
    const byAddress = await latest();
    assert.equal(byAddress.state, 'ignored');
    assert.equal(byAddress.reason, 'blocked_sender: spammer@bad.test is blocked in this project (address spammer@bad.test)');
    assert.equal(byAddress.project_id, projectId, "the project's mail log lists it");
    assert.equal(byAddress.matched_by, 'project_key');

    await desk.send({ from: 'bot@mail.spam.test', to: address, subject: 'Offer', text: 'cheap' });
    await desk.settle();
    assert.equal((await latest()).reason, 'blocked_sender: bot@mail.spam.test is blocked in this project (domain spam.test)');

    // A new ticket's Reply-To could become its author (SD-30): a blocked one blocks the mail.
    await desk.send({ from: 'innocent@good.test', replyTo: 'collector@spam.test', to: address, subject: 'Via reply-to', text: 'x' });
    await desk.settle();
    assert.match((await latest()).reason, /^blocked_sender: collector@spam\.test /);

    assert.equal(await ticketCount(), before.tickets, 'no ticket');
    assert.equal(desk.sink.mails.length, before.mails, 'no thank-you, no [Rejected], nothing');
  });

  it('sends a blocked sender no [Rejected] where anyone else gets one: a disabled desk, an empty reply', async () => {
    const opened = await desk.send({ from: 'customer@later.test', to: address, subject: 'Printer', text: 'It is broken' });
    assert.match(opened.response, /^250 /);
    await desk.settle();
    const [thanks] = mailsTo('customer@later.test');
    assert.ok(thanks, 'the customer was thanked before being blocked');
    const replyAddress = thanks.parsed.replyTo!.value[0]!.address!;
    const ticketIid = (await latest()).ticket_iid;
    const entry = await block('later.test');
    const before = desk.sink.mails.length;

    await desk.send({ from: 'customer@later.test', to: replyAddress, subject: 'Re: Printer', text: 'Still broken' });
    await desk.settle();
    const reply = await latest();
    assert.equal(reply.state, 'ignored');
    assert.match(reply.reason, /^blocked_sender: customer@later\.test is blocked in this project \(domain later\.test\)$/);
    assert.equal(reply.ticket_iid, ticketIid, 'kept with the ticket it aimed at');
    assert.equal(reply.matched_by, 'reply_key');
    const notes = (await api('GET', `/projects/${projectId}/tickets/${ticketIid}/notes`)).body as Array<{ body: string }>;
    assert.ok(!notes.some((n) => n.body.includes('Still broken')), 'the reply did not join the ticket');

    // Only quotes: anyone else is told to write above them (SD-50).
    await desk.send({ from: 'customer@later.test', to: replyAddress, subject: 'Re: Printer', text: '> It is broken' });
    await desk.settle();
    assert.match((await latest()).reason, /^blocked_sender: /);

    await api('PUT', `/projects/${projectId}/service_desk`, { enabled: false });
    try {
      await desk.send({ from: 'customer@later.test', to: address, subject: 'While off', text: 'hello' });
      await desk.settle();
      const disabled = await latest();
      assert.equal(disabled.state, 'ignored');
      assert.match(disabled.reason, /^blocked_sender: /, 'blocked, not service_desk_disabled');
      assert.equal(disabled.project_id, projectId);
    } finally {
      await api('PUT', `/projects/${projectId}/service_desk`, { enabled: true });
    }
    assert.equal(desk.sink.mails.length, before, 'the blocked sender got no mail at all');
    assert.equal((await api('DELETE', `/projects/${projectId}/blocked_senders/${entry.id}`)).status, 204);
  });

  it('blocks the sender of a received message, by address or by domain, and unblocking then replaying makes the ticket', async () => {
    await desk.send({ from: 'Pest <pest@nuisance.test>', to: address, subject: 'First', text: 'one' });
    await desk.settle();
    const first = await latest();
    assert.equal(first.state, 'processed');

    const byAddress = await api('POST', `/inbound_messages/${first.id}/block_sender`);
    assert.equal(byAddress.status, 201, JSON.stringify(byAddress.body));
    assert.deepEqual([byAddress.body.kind, byAddress.body.value], ['address', 'pest@nuisance.test']);
    assert.equal(byAddress.body.created_by.id, maintainer.user.id, 'who blocked it');
    const again = await api('POST', `/inbound_messages/${first.id}/block_sender`, { scope: 'address' });
    assert.equal(again.status, 409, 'already blocked');
    const byDomain = await api('POST', `/inbound_messages/${first.id}/block_sender`, { scope: 'domain', note: 'the whole company' });
    assert.equal(byDomain.status, 201, JSON.stringify(byDomain.body));
    assert.deepEqual([byDomain.body.kind, byDomain.body.value, byDomain.body.note], ['domain', 'nuisance.test', 'the whole company']);
    const listed = (await api('GET', `/projects/${projectId}/blocked_senders`)).body as Array<{ value: string }>;
    assert.deepEqual(
      listed.slice(0, 2).map((b) => b.value),
      ['nuisance.test', 'pest@nuisance.test'],
      'newest first',
    );

    const tickets = await ticketCount();
    const mails = desk.sink.mails.length;
    await desk.send({ from: 'other@nuisance.test', to: address, subject: 'Second', text: 'two' });
    await desk.settle();
    const second = await latest();
    assert.match(second.reason, /^blocked_sender: other@nuisance\.test .*\(domain nuisance\.test\)$/);

    // Replayed while still blocked: ignored again, the same way.
    assert.equal((await api('POST', `/inbound_messages/${second.id}/replay`)).status, 200);
    await desk.settle();
    assert.match((await api('GET', `/inbound_messages/${second.id}`)).body.reason, /^blocked_sender: /);
    assert.equal(await ticketCount(), tickets);
    assert.equal(desk.sink.mails.length, mails);

    assert.equal((await api('DELETE', `/projects/${projectId}/blocked_senders/${byDomain.body.id}`)).status, 204);
    assert.equal((await api('POST', `/inbound_messages/${second.id}/replay`)).status, 200);
    await desk.settle();
    const replayed = (await api('GET', `/inbound_messages/${second.id}`)).body;
    assert.equal(replayed.state, 'processed', JSON.stringify(replayed));
    assert.equal(replayed.reason, null);
    assert.ok(replayed.ticket_iid, 'the ticket is made');
    assert.equal(await ticketCount(), tickets + 1);
    assert.equal((await desk.sink.waitFor(mails + 1)).at(-1)?.envelopeTo[0], 'other@nuisance.test', 'and its sender thanked');
  });

  it('lets a team member at a blocked domain still answer by mail: their membership decides, not the list', async () => {
    await api('PUT', '/user/notification_settings', { new_tickets: true });
    const entry = await block(maintainer.user.email.split('@')[1]!);
    await desk.send({ from: 'client@customer.test', to: address, subject: 'Need help', text: 'Please' });
    await desk.settle();
    const opened = await latest();
    assert.equal(opened.state, 'processed');
    const notice = mailsTo(maintainer.user.email).at(-1);
    assert.ok(notice, 'the maintainer is told of the new ticket');
    await desk.send({ from: maintainer.user.email, to: notice.parsed.replyTo!.value[0]!.address, subject: `Re: ${notice.parsed.subject}`, text: 'On it.' });
    await desk.settle();
    const answer = await latest();
    assert.equal(answer.state, 'processed', JSON.stringify(answer));
    assert.equal(answer.ticket_iid, opened.ticket_iid);
    assert.equal((await api('DELETE', `/projects/${projectId}/blocked_senders/${entry.id}`)).status, 204);
  });
});
