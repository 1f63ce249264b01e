// Loops stop by themselves (issue 9): two "help desks" that answer every mail without Auto-Submitted take
// part in one ticket, so each answer Postdesk mails to one of them comes back as a reply by key that Postdesk
// mails to the other. The far side is the relay itself (the sink answers what it receives), back into
// Postdesk's SMTP port. The exchange must end within the flood limits, every suppressed mail on record.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

const REPLIES_PER_HOUR = 4;
const AUTO_MAILS_PER_HOUR = 3;
const ROBOTS = ['robot-a@desks.test', 'robot-b@desks.test'];

describe('an auto-reply loop between two desks', () => {
  let desk: MailDesk;
  let admin: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk({
      env: { RATE_LIMIT_REPLIES_PER_SENDER_HOUR: String(REPLIES_PER_HOUR), RATE_LIMIT_AUTO_MAILS_PER_RECIPIENT_HOUR: String(AUTO_MAILS_PER_HOUR) },
    });
    admin = await desk.user({ admin: true });
    const project = await desk.project(admin, { path: 'looped' });
    projectId = project.id;
    const settings = await desk.request(admin.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { add_external_participants_from_cc: true });
    address = settings.body.incoming_address;
  });
  after(() => desk.close());

  it('ends within the flood limits, every suppressed mail recorded as rate_limited', async () => {
    let answered = 0;
    const inFlight = new Set<Promise<unknown>>();
    desk.sink.onMail = (mail) => {
      const robot = mail.envelopeTo.find((to) => ROBOTS.includes(to.toLowerCase()));
      const replyTo = mail.parsed.replyTo?.value[0]?.address;
      if (!robot || !replyTo) return;
      answered++;
      // A badly made autoresponder: no Auto-Submitted, no Precedence, a fresh Message-ID, answering Reply-To.
      const sent = desk.send({ from: robot, to: replyTo, subject: `Re: ${mail.parsed.subject}`, text: `We got your message (${answered}).` }).catch(() => {});
      inFlight.add(sent);
      void sent.then(() => inFlight.delete(sent));
    };
    await desk.send({ from: ROBOTS[0]!, to: address, cc: [ROBOTS[1]!], subject: 'Hello desk', text: 'Start', messageId: '<loop-start@desks.test>' });

    // Until nothing moves: no mail on its way back and no job due.
    for (let quiet = 0; quiet < 3; ) {
      const before = desk.sink.mails.length;
      await Promise.all(inFlight);
      await desk.settle();
      await sleep(150);
      quiet = desk.sink.mails.length === before && inFlight.size === 0 ? quiet + 1 : 0;
    }

    const inbound = (await desk.request(admin.token, 'GET', '/api/v1/inbound_messages?per_page=100')).body as Array<{ state: string; reason: string | null }>;
    const limited = inbound.filter((m) => m.reason?.startsWith('rate_limited:'));
    const processed = inbound.filter((m) => m.state === 'processed');
    assert.ok(limited.length >= 1, `the loop was cut: ${JSON.stringify(inbound.map((m) => m.reason ?? m.state))}`);
    assert.ok(
      limited.every((m) => m.state === 'ignored' && /RATE_LIMIT_REPLIES_PER_SENDER_HOUR/.test(m.reason!)),
      'each suppressed reply is on record',
    );
    // The opening mail, then at most REPLIES_PER_HOUR replies from each robot were taken.
    assert.ok(processed.length <= 1 + REPLIES_PER_HOUR * ROBOTS.length, `${processed.length} processed`);
    assert.ok(desk.sink.mails.length <= 2 + REPLIES_PER_HOUR * ROBOTS.length, `${desk.sink.mails.length} mails sent in all`);
    assert.equal(answered, desk.sink.mails.length, 'every mail Postdesk sent was answered, and still it stopped');
  });

  it('counts automatic mails to one address whatever its case: thank-yous and participant greetings', async () => {
    const before = desk.sink.mails.length;
    const spellings = ['Victim@Example.test', 'victim@example.test', 'VICTIM@EXAMPLE.TEST', 'victim@Example.Test', 'vIctim@example.test'];
    for (const [i, from] of spellings.entries()) await desk.send({ from, to: address, subject: `Case ${i}`, text: 'x', messageId: `<case-${i}@example.test>` });
    await desk.settle();
    const thanked = desk.sink.mails.slice(before).filter((m) => m.envelopeTo[0]!.toLowerCase() === 'victim@example.test');
    assert.equal(thanked.length, AUTO_MAILS_PER_HOUR, 'the limit holds across spellings');
    // Greetings count against the same limit: the address is already at it.
    const added = await desk.request(admin.token, 'POST', `/api/v1/projects/${projectId}/tickets/1/participants`, { email: 'VICTIM@example.test' });
    assert.ok(added.status < 300, `added: ${added.status}`);
    await desk.settle();
    assert.equal(desk.sink.mails.slice(before).filter((m) => m.envelopeTo[0]!.toLowerCase() === 'victim@example.test').length, AUTO_MAILS_PER_HOUR);
  });
});
