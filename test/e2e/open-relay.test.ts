// An outside review made Postdesk relay a stranger's words and act as a team member (issue 9). Each of its
// attacks, replayed over real SMTP: customer text goes only to addresses that took part legitimately, a
// member's reply key acts as the member only from the member's own address, a removed participant's keys
// die with their place on the ticket, and a disabled desk mails no one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

describe('no relay for strangers, no forged team mail', () => {
  let desk: MailDesk;
  let owner: TestUser;
  let maintainer: TestUser;
  let admin: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk();
    owner = await desk.user();
    const project = await desk.project(owner, { path: 'relay' });
    projectId = project.id;
    maintainer = await desk.member(project, { level: 40 });
    admin = await desk.user({ admin: true });
    // The strongest setting for an attacker: people from Cc join.
    const settings = await desk.request(owner.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { add_external_participants_from_cc: true });
    address = settings.body.incoming_address;
  });
  after(() => desk.close());

  const mailsTo = (email: string) => desk.sink.mails.filter((m) => m.envelopeTo[0]?.toLowerCase() === email.toLowerCase());
  const ticket = (iid: number) => desk.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets/${iid}`).then((r) => r.body);
  const participants = async (iid: number) => (await ticket(iid)).participants.map((p: { email: string }) => p.email);
  // An admin's view: mail that reached no project is listed only to admins.
  const latestInbound = async () => (await desk.request(admin.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0];
  const send = async (mail: Parameters<MailDesk['send']>[0]) => {
    await desk.send({ to: address, ...mail });
    await desk.settle();
    return latestInbound();
  };
  const replyAddressOf = (mail: { parsed: { replyTo?: { value: Array<{ address?: string }> } } }) => mail.parsed.replyTo!.value[0]!.address!;

  it('mails a stranger’s words to no victim named in Reply-To, In-Reply-To reply-alls or their key replies', async () => {
    const opened = await send({ from: 'spammer@bad.test', subject: 'Hello', text: 'Hi', messageId: '<spam-original@bad.test>' });
    const victims = Array.from({ length: 4 }, (_, i) => `victim${i}@victims.test`);
    for (const [i, victim] of victims.entries()) {
      const reply = await send({
        from: 'spammer@bad.test',
        replyTo: victim,
        cc: [`cc-${victim}`],
        subject: 'Re: Hello',
        text: 'Buy now at https://spam.example',
        inReplyTo: '<spam-original@bad.test>',
        messageId: `<spam-${i}@bad.test>`,
      });
      assert.equal(reply.matched_by, 'in_reply_to');
    }
    assert.deepEqual(await participants(opened.ticket_iid), ['spammer@bad.test'], 'no one joined through In-Reply-To');
    const key = replyAddressOf(mailsTo('spammer@bad.test')[0]!);
    const byKey = await send({ from: 'spammer@bad.test', to: key, replyTo: victims[0], subject: 'Re: Hello', text: 'Buy now at https://spam.example' });
    assert.equal(byKey.state, 'processed');
    for (const victim of victims) {
      assert.equal(mailsTo(victim).length, 0, `${victim} got nothing`);
      assert.equal(mailsTo(`cc-${victim}`).length, 0, `cc-${victim} got nothing`);
    }
  });

  it('lets a member’s reply key act as the member only from the member’s own address, never from References alone', async () => {
    const opened = await send({ from: 'customer@client.test', subject: 'Please help', text: 'Broken', messageId: '<help@client.test>' });
    await desk.request(maintainer.token, 'PUT', `/api/v1/projects/${projectId}/tickets/${opened.ticket_iid}`, { assignee_ids: [owner.user.id] });
    await desk.settle();
    const notice = mailsTo(owner.user.email).at(-1)!;
    const ownerKey = replyAddressOf(notice);

    // The outbox shows the maintainer no key in clear: not in Reply-To, References, nor the raw message.
    const outbox = await desk.request(maintainer.token, 'GET', `/api/v1/outbound_messages?project_id=${projectId}&to=${encodeURIComponent(owner.user.email)}`);
    const row = outbox.body[0];
    const secret = ownerKey.split('+')[1]!.split('@')[0]!;
    assert.ok(!JSON.stringify(row).includes(secret), 'no key in the outbox listing');
    assert.match(row.reply_to, /\+[0-9a-f]{4}…@/);
    const raw = await desk.request(maintainer.token, 'GET', `/api/v1/outbound_messages/${row.id}/raw`);
    assert.ok(!String(raw.body).includes(secret), 'no key in the raw message');
    const rendered = await desk.request(maintainer.token, 'GET', `/api/v1/outbound_messages/${row.id}/rendered`);
    assert.ok(!String(rendered.body).includes(secret), 'no key in the mail viewer');

    // Someone else's From through the owner's key: ignored, the ticket untouched, nobody mailed.
    const mailsBefore = desk.sink.mails.length;
    const forged = await send({ from: maintainer.user.email, to: ownerKey, subject: 'Re: x', text: 'Closing.\n/close' });
    assert.equal(forged.state, 'ignored');
    assert.match(forged.reason, /^sender_mismatch: /);
    assert.equal((await ticket(opened.ticket_iid)).state, 'opened');
    // The key in References only, even from the owner's address.
    const referenced = await send({
      from: owner.user.email,
      subject: 'Re: x',
      text: 'Closing.\n/close',
      headers: { References: `<reply-${secret}@desk.test>` },
    });
    assert.equal(referenced.state, 'ignored');
    assert.match(referenced.reason, /^sender_mismatch: .*References/);
    assert.equal((await ticket(opened.ticket_iid)).state, 'opened');
    assert.equal(desk.sink.mails.length, mailsBefore, 'nothing was mailed');

    // The owner's own answer through the key works.
    const genuine = await send({ from: owner.user.email, to: ownerKey, subject: 'Re: x', text: 'Fixed it.\n/close' });
    assert.equal(genuine.state, 'processed');
    assert.equal((await ticket(opened.ticket_iid)).state, 'closed');
  });

  it('revokes a removed participant’s keys, and does not let them back in through In-Reply-To with a third party', async () => {
    const opened = await send({ from: 'leaver@client.test', cc: ['stays@client.test'], subject: 'Confidential', text: 'x', messageId: '<leaver@client.test>' });
    assert.deepEqual(await participants(opened.ticket_iid), ['leaver@client.test', 'stays@client.test']);
    const key = replyAddressOf(mailsTo('leaver@client.test')[0]!);
    const removed = await desk.request(
      owner.token,
      'DELETE',
      `/api/v1/projects/${projectId}/tickets/${opened.ticket_iid}/participants?email=${encodeURIComponent('leaver@client.test')}`,
    );
    assert.ok(removed.status < 300, `removed: ${removed.status}`);
    const before = desk.sink.mails.length;
    const byKey = await send({ from: 'leaver@client.test', to: key, subject: 'Re: Confidential', text: 'Still here' });
    assert.equal(byKey.state, 'ignored', JSON.stringify(byKey));
    assert.equal(byKey.reason, 'unknown_reply_key');
    await send({
      from: 'leaver@client.test',
      replyTo: 'third@party.test',
      subject: 'Re: Confidential',
      text: 'Back again',
      inReplyTo: '<leaver@client.test>',
    });
    assert.deepEqual(await participants(opened.ticket_iid), ['stays@client.test']);
    const sent = desk.sink.mails.slice(before);
    assert.deepEqual(
      sent.map((m) => `${m.envelopeTo[0]} ${m.parsed.subject}`),
      ['leaver@client.test [Rejected] Re: Confidential'],
      'only the writer of the dead key is told; no one else is mailed',
    );
  });

  it('mails no one after the service desk is disabled, whichever path asks (SD-61)', async () => {
    const opened = await send({ from: 'one@client.test', cc: ['two@client.test'], subject: 'Two of us', text: 'x', messageId: '<two@client.test>' });
    const key = replyAddressOf(mailsTo('one@client.test')[0]!);
    await desk.request(owner.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { enabled: false });
    try {
      const before = desk.sink.mails.length;
      const reply = await send({ from: 'one@client.test', to: key, subject: 'Re: Two of us', text: 'More' });
      assert.equal(reply.state, 'processed', 'the reply is kept on the ticket');
      await desk.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets/${opened.ticket_iid}/notes`, { body: 'An answer' });
      await desk.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets/${opened.ticket_iid}/participants`, { email: 'three@client.test' });
      await desk.settle();
      assert.equal(desk.sink.mails.length, before, 'no participant was mailed');
    } finally {
      await desk.request(owner.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { enabled: true });
    }
  });
});
