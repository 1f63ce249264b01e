// The team hears about tickets by mail, and answers by mail as themselves.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

describe('team notifications', () => {
  let desk: MailDesk;
  let owner: TestUser;
  let watcher: TestUser;
  let agent: TestUser;
  let guest: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk();
    owner = await desk.user();
    const project = await desk.project(owner, { path: 'team' });
    projectId = project.id;
    watcher = await desk.member(project, { level: 20 });
    agent = await desk.member(project, { level: 30 });
    guest = await desk.member(project, { level: 10 });
    address = (await desk.request(owner.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
  });
  after(() => desk.close());

  const mailsTo = (email: string) => desk.sink.mails.filter((m) => m.envelopeTo[0] === email);
  const ticketUrl = (iid: number, suffix = '') => `/api/v1/projects/${projectId}/tickets/${iid}${suffix}`;

  it('has defaults and lets each member change their own settings', async () => {
    const defaults = await desk.request(watcher.token, 'GET', '/api/v1/user/notification_settings');
    assert.deepEqual(defaults.body, { new_tickets: false, customer_replies: true, assignments: true, mentions: true });
    const changed = await desk.request(watcher.token, 'PUT', '/api/v1/user/notification_settings', { new_tickets: true });
    assert.deepEqual(changed.body, { new_tickets: true, customer_replies: true, assignments: true, mentions: true });
    assert.equal((await desk.request(agent.token, 'GET', '/api/v1/user/notification_settings')).body.new_tickets, false, 'one member’s choice is theirs alone');
  });

  it('tells members who opted in about a new ticket, and nobody else', async () => {
    await desk.send({ from: 'carol@client.test', to: address, subject: 'Printer down', text: 'It will not print.' });
    await desk.settle();
    const told = mailsTo(watcher.user.email);
    assert.equal(told.length, 1);
    assert.match(told[0]!.parsed.text ?? '', /carol@client\.test opened team#1: Printer down/);
    assert.equal(mailsTo(agent.user.email).length, 0);
    assert.equal(mailsTo(owner.user.email).length, 0);
  });

  it('tells an assignee of the assignment and of the customer’s replies', async () => {
    await desk.request(owner.token, 'PUT', ticketUrl(1), { assignee_ids: [agent.user.id] });
    await desk.settle();
    const assigned = mailsTo(agent.user.email);
    assert.equal(assigned.length, 1);
    assert.match(assigned[0]!.parsed.text ?? '', /assigned team#1 to you/);

    const thanks = mailsTo('carol@client.test')[0]!;
    await desk.send({ from: 'carol@client.test', to: thanks.parsed.replyTo!.value[0]!.address, subject: 'Re: Printer down', text: 'Still down.' });
    await desk.settle();
    const replies = mailsTo(agent.user.email);
    assert.equal(replies.length, 2);
    assert.match(replies[1]!.parsed.text ?? '', /carol@client\.test replied on team#1[\s\S]*Still down\./);
  });

  it('files an assignee’s answer by mail as their public comment, mailed to the customer, quick actions included', async () => {
    const notice = mailsTo(agent.user.email).at(-1)!;
    const customerMailsBefore = mailsTo('carol@client.test').length;
    await desk.send({
      from: agent.user.email,
      to: notice.parsed.replyTo!.value[0]!.address,
      subject: `Re: ${notice.parsed.subject}`,
      text: `Try turning it off and on.\n/label ~hardware\n\nOn Wed, 25 Nov 2026 at 10:00, Postdesk <x@desk.test> wrote:\n> Still down.`,
    });
    await desk.settle();
    const notes = (await desk.request(owner.token, 'GET', ticketUrl(1, '/notes?per_page=100'))).body;
    const answer = notes.find((n: { author: { id: number }; system: boolean }) => n.author.id === agent.user.id && !n.system);
    assert.equal(answer.body, 'Try turning it off and on.');
    assert.equal(answer.internal, false);
    assert.deepEqual((await desk.request(owner.token, 'GET', ticketUrl(1))).body.labels, ['hardware']);
    const toCustomer = mailsTo('carol@client.test').slice(customerMailsBefore);
    assert.equal(toCustomer.length, 1);
    assert.match(toCustomer[0]!.parsed.text ?? '', /Try turning it off and on\./);
  });

  it('tells those @mentioned in an internal note who may read it, and keeps their answer internal', async () => {
    const customerMailsBefore = mailsTo('carol@client.test').length;
    await desk.request(owner.token, 'POST', ticketUrl(1, '/notes'), {
      body: `@${watcher.user.username} @${guest.user.username} please check the invoice`,
      internal: true,
    });
    await desk.settle();
    const mention = mailsTo(watcher.user.email).at(-1)!;
    assert.match(mention.parsed.text ?? '', /mentioned you in an internal note/);
    assert.equal(mailsTo(guest.user.email).length, 0, 'a guest may not read internal notes, so is not told');

    await desk.send({
      from: watcher.user.email,
      to: mention.parsed.replyTo!.value[0]!.address,
      subject: `Re: ${mention.parsed.subject}`,
      text: 'Invoice is paid.',
    });
    await desk.settle();
    const notes = (await desk.request(owner.token, 'GET', ticketUrl(1, '/notes?per_page=100'))).body;
    const answer = notes.find((n: { author: { id: number }; body: string }) => n.author.id === watcher.user.id && n.body === 'Invoice is paid.');
    assert.ok(answer, 'the answer is a note by the member');
    assert.equal(answer.internal, true);
    assert.equal(mailsTo('carol@client.test').length, customerMailsBefore, 'nothing internal reaches the customer');
  });
  it('shows a guest customers’ addresses masked in team mail and search, every address-like one; a reporter in clear (SD-86)', async () => {
    await desk.request(guest.token, 'PUT', '/api/v1/user/notification_settings', { new_tickets: true });
    await desk.request(owner.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { tickets_confidential_by_default: false });
    const before = desk.sink.mails.length;
    await desk.send({
      from: 'Dana <dana.quist@client.test>',
      to: address,
      subject: 'Fax from bob@example.рф',
      text: 'Please also write to bob@example.рф and carl@10.0.0.1 about the fax.',
      attachments: [{ filename: 'fax-for-carl@10.0.0.1.pdf', content: Buffer.from('%PDF-1.4 fax') }],
    });
    await desk.settle();
    const iid = (await desk.request(owner.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0].ticket_iid;
    const toGuest = desk.sink.mails.slice(before).filter((m) => m.envelopeTo[0] === guest.user.email);
    const toWatcher = desk.sink.mails.slice(before).filter((m) => m.envelopeTo[0] === watcher.user.email);
    assert.equal(toGuest.length, 1, 'the guest opted in');
    assert.equal(toWatcher.length, 1, 'the reporter opted in');

    const guestMail = toGuest[0]!;
    const raw = guestMail.raw.toString('utf8');
    for (const clear of ['dana.quist', 'dana.quist@client.test', 'bob@example', 'carl@10.0.0.1', 'xn--p1ai']) {
      assert.ok(!raw.includes(clear) && !JSON.stringify(guestMail.parsed).includes(clear), `the guest's mail holds no ${clear}`);
    }
    assert.equal(guestMail.parsed.from?.value[0]?.name, 'da*****@c*****.t**', 'the sender named in From is masked');
    assert.equal(guestMail.parsed.subject, `Re: Fax from bo*****@e*****.р** (#${iid})`);
    assert.match(guestMail.parsed.text ?? '', /da\*{5}@c\*{5}\.t\*\* opened team#\d+: Fax from bo\*{5}@e\*{5}\.р\*\*/);
    assert.match(guestMail.parsed.text ?? '', /write to bo\*{5}@e\*{5}\.р\*\* and ca\*{5}@1\*{5}\.1\*\* about the fax/);

    const watcherMail = toWatcher[0]!;
    assert.equal(watcherMail.parsed.from?.value[0]?.name, 'dana.quist@client.test');
    assert.match(watcherMail.parsed.text ?? '', /write to bob@example\.рф and carl@10\.0\.0\.1 about the fax/);

    // The API and search agree with the mail: masked for the guest, found only by the reporter.
    const seen = (await desk.request(guest.token, 'GET', ticketUrl(iid))).body;
    assert.equal(
      seen.description,
      `Please also write to bo*****@e*****.р** and ca*****@1*****.1** about the fax.\n\n[fa*****@1*****.p**](http://desk.test/api/v1/attachments/${seen.attachments[0].id})`,
    );
    assert.equal(seen.external_author, 'da*****@c*****.t**');
    assert.deepEqual(
      seen.attachments.map((a: { filename: string }) => a.filename),
      ['fa*****@1*****.p**'],
      'a file name is masked like the text',
    );
    const file = (token: string) => desk.request(token, 'GET', `/api/v1/attachments/${seen.attachments[0].id}`);
    assert.doesNotMatch((await file(guest.token)).headers['content-disposition'] as string, /carl/);
    assert.match((await file(watcher.token)).headers['content-disposition'] as string, /fax-for-carl@10\.0\.0\.1\.pdf/);
    const search = async (token: string, text: string) =>
      (await desk.request(token, 'GET', `/api/v1/projects/${projectId}/tickets?search=${encodeURIComponent(text)}`)).body.map((x: { iid: number }) => x.iid);
    for (const part of ['dana', 'quist', 'bob', 'carl', 'рф']) {
      assert.deepEqual(await search(guest.token, part), [], `a guest searching ${part}`);
      assert.deepEqual(await search(watcher.token, part), [iid], `a reporter searching ${part}`);
    }
    assert.deepEqual(await search(guest.token, 'fax'), [iid], 'the rest of the ticket is found by the guest');
  });
});
