// The whole conversation by email over real SMTP: a customer writes, a ticket opens and is thanked,
// an agent answers, the customer replies, the reply lands on the same ticket.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

describe('the mail loop', () => {
  let desk: MailDesk;
  let agent: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk();
    agent = await desk.user();
    const project = await desk.project(agent, { path: 'acme-support', name: 'Acme Support' });
    projectId = project.id;
    address = (await desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
  });
  after(() => desk.close());

  it('turns a new mail into a confidential ticket by the support bot and thanks the customer', async () => {
    const sent = await desk.send({
      from: 'Carol Customer <carol@customer.test>',
      to: address,
      subject: 'Printer on fire',
      text: 'It is on fire.  \nPlease help.\n',
      messageId: '<first-mail@customer.test>',
    });
    assert.match(sent.response, /^250 /);
    await desk.settle();
    const tickets = await desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/tickets`);
    assert.equal(tickets.status, 200);
    assert.equal(tickets.body.length, 1);
    const ticket = tickets.body[0];
    assert.equal(ticket.title, 'Printer on fire');
    assert.equal(ticket.description, 'It is on fire.\nPlease help.');
    assert.equal(ticket.author.username, 'support-bot');
    assert.equal(ticket.external_author, 'carol@customer.test');
    assert.equal(ticket.confidential, true);
    assert.deepEqual(ticket.participants, [{ email: 'carol@customer.test', bouncing: null }]);

    const [thanks] = await desk.sink.waitFor(1);
    assert.deepEqual(thanks!.envelopeTo, ['carol@customer.test']);
    const mail = thanks!.parsed;
    assert.equal(mail.subject, `Re: Printer on fire (#${ticket.iid})`);
    assert.match(mail.text ?? '', new RegExp(`#${ticket.iid}`));
    assert.equal(mail.inReplyTo, '<first-mail@customer.test>');
    assert.equal(mail.from?.value[0]?.name, 'Support Bot');
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    assert.equal(mail.headers.get('x-auto-response-suppress'), 'All');
    // mailparser folds List-* headers into one object, so read them from the raw message.
    const raw = thanks!.raw.toString().replace(/\r\n[ \t]+/g, ' '); // unfolded (RFC 5322 §2.2.3)
    assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    assert.match(raw, /^List-Unsubscribe: <http:\/\/desk\.test\/-\/unsubscribe\/[0-9a-f]{32}>,\s+<mailto:support\+[0-9a-f]{32}-unsubscribe@desk\.test>\r$/m);
    assert.equal(mail.cc, undefined);
    const replyTo = mail.replyTo?.value[0]?.address ?? '';
    assert.match(replyTo, /^support\+[0-9a-f]{32}@desk\.test$/);
  });

  it('mails a public comment to the customer, keeps an internal note in, and files the reply on the ticket', async () => {
    const iid = 1;
    const before = desk.sink.mails.length;
    const internal = await desk.request(agent.token, 'POST', `/api/v1/projects/${projectId}/tickets/${iid}/notes`, {
      body: 'Internal: check the fuser',
      internal: true,
    });
    assert.equal(internal.status, 201);
    const comment = await desk.request(agent.token, 'POST', `/api/v1/projects/${projectId}/tickets/${iid}/notes`, { body: 'Unplug it, please.' });
    assert.equal(comment.status, 201);
    assert.equal(comment.body.internal, false);
    await desk.settle();
    const mails = await desk.sink.waitFor(before + 1);
    assert.equal(desk.sink.mails.length, before + 1, 'only the public comment is mailed');
    const answer = mails[before]!.parsed;
    assert.match(answer.text ?? '', /Unplug it, please\./);
    assert.doesNotMatch(answer.text ?? '', /fuser/);
    assert.match(String(answer.from?.value[0]?.name), /\(@user/);
    assert.ok((answer.references as string[]).includes('<first-mail@customer.test>'), "(answer.references as string[]).includes('<first-mail@customer.test>')");

    // The customer answers the agent's mail from their client: quoted history below the new text.
    const replyTo = answer.replyTo!.value[0]!.address!;
    await desk.send({
      from: 'carol@customer.test',
      to: replyTo,
      subject: `Re: ${answer.subject}`,
      inReplyTo: answer.messageId,
      text: `Done, it stopped.\n\nOn Tue, 24 Nov 2026 at 10:00, Support <${replyTo}> wrote:\n> Unplug it, please.\n`,
    });
    await desk.settle();
    const notes = await desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/tickets/${iid}/notes`);
    const reply = notes.body.at(-1);
    assert.equal(reply.author.username, 'support-bot');
    assert.equal(reply.external_author, 'carol@customer.test');
    assert.match(reply.body, /^Done, it stopped\./);
    assert.match(reply.body, /<details><summary>…<\/summary>[\s\S]*> Unplug it, please\.[\s\S]*<\/details>$/);
  });
});
