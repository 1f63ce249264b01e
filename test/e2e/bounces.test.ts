// Bounces come home (issue 9): mail through the relay carries a VERP return path naming itself; a bounce
// to it (or one that names our mail's Message-ID) marks the participant `bouncing` on that ticket, holds
// their mail until an agent clears it, and leaves an internal note. Over real SMTP both ways.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

const dsn = (o: { to: string; action: string; status: string; recipient: string; originalMessageId: string }) =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@mx.client.test>',
    `To: ${o.to}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Auto-Submitted: auto-replied',
    `Message-ID: <dsn-${Math.random().toString(36).slice(2)}@mx.client.test>`,
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'I could not deliver your message.',
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.client.test',
    '',
    `Final-Recipient: rfc822; ${o.recipient}`,
    `Action: ${o.action}`,
    `Status: ${o.status}`,
    `Diagnostic-Code: smtp; 550 ${o.status} <${o.recipient}>: User unknown`,
    '--b',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Support <noreply@desk.test>',
    `To: ${o.recipient}`,
    `Message-ID: ${o.originalMessageId}`,
    '--b--',
    '',
  ].join('\r\n');

describe('bounces come home', () => {
  let desk: MailDesk;
  let admin: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk();
    admin = await desk.user({ admin: true });
    const project = await desk.project(admin, { path: 'bouncy' });
    projectId = project.id;
    const settings = await desk.request(admin.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { add_external_participants_from_cc: true });
    address = settings.body.incoming_address;
  });
  after(() => desk.close());

  const ticket = (iid: number) => desk.request(admin.token, 'GET', `/api/v1/projects/${projectId}/tickets/${iid}`).then((r) => r.body);
  const latestInbound = async () => (await desk.request(admin.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0];
  const open = async (from: string, cc: string[], subject: string) => {
    await desk.send({ from, to: address, cc, subject, text: 'Hello', messageId: `<${subject.replace(/\W/g, '')}@client.test>` });
    await desk.settle();
    return latestInbound();
  };
  const bounce = async (raw: string, to: string) => {
    await desk.sendRaw(raw, { from: '', to: [to] });
    await desk.settle();
    return latestInbound();
  };
  const comment = async (iid: number, body: string) => {
    await desk.request(admin.token, 'POST', `/api/v1/projects/${projectId}/tickets/${iid}/notes`, { body });
    await desk.settle();
  };
  const mailsTo = (email: string) => desk.sink.mails.filter((m) => m.envelopeTo[0] === email);

  it('sends through the relay with a return path naming the mail, and takes a bounce to it: bouncing, held back, noted, cleared', async () => {
    const opened = await open('stays@client.test', ['gone@client.test'], 'Two people');
    const greeting = mailsTo('gone@client.test')[0]!;
    assert.match(greeting.envelopeFrom, /^support\+bounce-\d+-[0-9a-f]{16}@desk\.test$/, 'a VERP envelope sender');
    const thanks = mailsTo('stays@client.test')[0]!;
    assert.notEqual(thanks.envelopeFrom, greeting.envelopeFrom, 'one return path per mail');

    const taken = await bounce(
      dsn({ to: greeting.envelopeFrom, action: 'failed', status: '5.1.1', recipient: 'gone@client.test', originalMessageId: greeting.parsed.messageId! }),
      greeting.envelopeFrom,
    );
    assert.equal(taken.state, 'processed');
    assert.equal(taken.matched_by, 'bounce_address');
    assert.equal(taken.ticket_iid, opened.ticket_iid);
    const t = await ticket(opened.ticket_iid);
    const gone = t.participants.find((p: { email: string }) => p.email === 'gone@client.test');
    assert.ok(gone.bouncing, 'the participant is bouncing');
    assert.match(gone.bouncing.reason, /^5\.1\.1 550 5\.1\.1 <gone@client\.test>: User unknown$/);
    assert.equal(t.participants.find((p: { email: string }) => p.email === 'stays@client.test').bouncing, null);
    const notes = (await desk.request(admin.token, 'GET', `/api/v1/projects/${projectId}/tickets/${opened.ticket_iid}/notes?per_page=100`)).body;
    assert.ok(
      notes.some((n: { internal: boolean; system: boolean; body: string }) => n.internal && n.system && /^mail to gone@client\.test bounced/.test(n.body)),
      'an internal note says why',
    );
    const outbox = (await desk.request(admin.token, 'GET', `/api/v1/outbound_messages?project_id=${projectId}&to=gone@client.test`)).body;
    assert.equal(outbox[0].state, 'failed');
    assert.match(outbox[0].error, /^bounced after delivery: 5\.1\.1/);

    // Held back: the next comment reaches only the other participant.
    const before = { gone: mailsTo('gone@client.test').length, stays: mailsTo('stays@client.test').length };
    await comment(opened.ticket_iid, 'An answer for you both');
    assert.equal(mailsTo('gone@client.test').length, before.gone, 'nothing more to the bouncing address');
    assert.equal(mailsTo('stays@client.test').length, before.stays + 1);

    // Cleared by an agent: mailed again.
    const cleared = await desk.request(
      admin.token,
      'DELETE',
      `/api/v1/projects/${projectId}/tickets/${opened.ticket_iid}/participants/bounce?email=gone@client.test`,
    );
    assert.equal(cleared.status, 204);
    await comment(opened.ticket_iid, 'Fixed your address');
    assert.equal(mailsTo('gone@client.test').length, before.gone + 1);
  });

  it('ignores a bounce to a return path it did not sign, a delay, and an out-of-office sent to the return path', async () => {
    const opened = await open('solo@client.test', [], 'Alone');
    const thanks = mailsTo('solo@client.test')[0]!;
    const forged = thanks.envelopeFrom.replace(/-[0-9a-f]{16}@/, '-0000000000000000@');
    const original = thanks.parsed.messageId!;
    const forgedBounce = await bounce(
      dsn({ to: forged, action: 'failed', status: '5.1.1', recipient: 'solo@client.test', originalMessageId: original }),
      forged,
    );
    assert.equal(forgedBounce.state, 'ignored');
    assert.equal(forgedBounce.reason, 'bounce: to a return path this Postdesk did not sign');
    const delayed = await bounce(
      dsn({ to: thanks.envelopeFrom, action: 'delayed', status: '4.4.1', recipient: 'solo@client.test', originalMessageId: original }),
      thanks.envelopeFrom,
    );
    assert.equal(delayed.state, 'ignored');
    assert.match(delayed.reason, /^bounce: delivery delayed/);
    await desk.sendRaw(
      `From: solo@client.test\r\nTo: ${thanks.envelopeFrom}\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\n\r\nBack Monday.\r\n`,
      {
        from: 'solo@client.test',
        to: [thanks.envelopeFrom],
      },
    );
    await desk.settle();
    assert.equal((await latestInbound()).reason, 'bounce: not a delivery failure');
    assert.equal((await ticket(opened.ticket_iid)).participants[0].bouncing, null, 'none of them marked the participant');
  });

  it('attributes a bounce that lost its return path by the returned mail’s Message-ID', async () => {
    const opened = await open('lost@client.test', [], 'Lost path');
    const thanks = mailsTo('lost@client.test')[0]!;
    const taken = await bounce(
      dsn({ to: address, action: 'failed', status: '5.2.1', recipient: 'lost@client.test', originalMessageId: thanks.parsed.messageId! }),
      address,
    );
    assert.equal(taken.state, 'processed', JSON.stringify(taken));
    assert.equal(taken.matched_by, 'bounce_message_id');
    assert.ok((await ticket(opened.ticket_iid)).participants[0].bouncing, 'the participant is bouncing');
  });
});
