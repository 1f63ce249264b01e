// What happens to the mail we send when the relay says no, says later, or never answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('outbound delivery through a relay', () => {
  let desk: MailDesk;
  let agent: TestUser;
  let address: string;
  let projectId: number;

  before(async () => {
    desk = await startMailDesk();
    agent = await desk.user();
    const project = await desk.project(agent, { path: 'outbox' });
    projectId = project.id;
    address = (await desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
  });
  after(() => desk.close());

  const outbound = (to: string) =>
    desk
      .request(agent.token, 'GET', `/api/v1/outbound_messages?to=${encodeURIComponent(to)}`)
      .then((r) => r.body[0] as { id: number; state: string; attempts: number; error: string | null; ticket_iid: number } | undefined);

  it('carries mails over connections kept open, and sends once more over a new one when the relay dropped them', async () => {
    const sentTo = (to: string) => desk.sink.mails.filter((m) => m.envelopeTo[0] === to);
    const openedBefore = desk.sink.connections();
    const customers = Array.from({ length: 6 }, (_, i) => `kept${i}@client.test`);
    for (const from of customers) {
      await desk.send({ from, to: address, subject: `Kept connection ${from}`, text: 'Hello' });
      await desk.settle();
    }
    assert.ok(
      customers.every((c) => sentTo(c).length === 1),
      'each thank-you delivered once',
    );
    const opened = desk.sink.connections() - openedBefore;
    assert.ok(opened < customers.length, `6 thank-yous one after another went over ${opened} connection(s)`);

    desk.sink.dropConnections(); // the relay's idle timeout: the kept connections die
    await new Promise((resolve) => setTimeout(resolve, 100));
    await desk.send({ from: 'after-drop@client.test', to: address, subject: 'After the drop', text: 'Hello' });
    await desk.settle();
    assert.equal(sentTo('after-drop@client.test').length, 1, 'delivered once, over a new connection');
    assert.equal((await outbound('after-drop@client.test'))?.state, 'sent');
  });

  it('marks a mail the relay refuses for good (5xx) as failed, and says so on the ticket', async () => {
    desk.sink.behaviour.next = 550;
    try {
      await desk.send({ from: 'gone@client.test', to: address, subject: 'Bounce me', text: 'hi' });
      const failed = await until('the thank-you to fail', async () => {
        const m = await outbound('gone@client.test');
        return m && m.state === 'failed' ? m : undefined;
      });
      assert.equal(failed.attempts, 1, 'a permanent refusal is not retried');
      assert.match(failed.error ?? '', /550/);
      const notes = await desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/tickets/${failed.ticket_iid}/notes`);
      assert.ok(
        notes.body.some(
          (n: { system: boolean; internal: boolean; body: string }) => n.system && n.internal && /could not deliver mail to gone@client\.test/.test(n.body),
        ),
        'notes.body.some((n: { system: boolean; internal: boolean; body: string }) => n.system && n.internal && /could not deliver mail to gone@client\\.test/.test(n.body))',
      );
    } finally {
      desk.sink.behaviour.next = 'ok';
    }
  });

  it('retries a mail the relay defers (4xx) and sends it once the relay takes it', async () => {
    desk.sink.behaviour.next = 451;
    const before = desk.sink.mails.length;
    await desk.send({ from: 'later@client.test', to: address, subject: 'Defer me', text: 'hi' });
    await until('a deferred attempt', async () => {
      const m = await outbound('later@client.test');
      return m && m.attempts >= 1 && m.state === 'queued' ? m : undefined;
    });
    desk.sink.behaviour.next = 'ok';
    const sent = await until('the retry to be sent', async () => {
      const m = await outbound('later@client.test');
      return m && m.state === 'sent' ? m : undefined;
    });
    assert.equal(sent.attempts, 2);
    assert.equal(desk.sink.mails.slice(before).filter((m) => m.envelopeTo[0] === 'later@client.test').length, 1);
  });

  it('calls a mail uncertain when the relay goes silent after the message body, and does not send it again', async () => {
    desk.sink.behaviour.next = 'hang';
    try {
      await desk.send({ from: 'maybe@client.test', to: address, subject: 'Hang on', text: 'hi' });
      const uncertain = await until('the send to time out', async () => {
        const m = await outbound('maybe@client.test');
        return m && m.state === 'uncertain' ? m : undefined;
      });
      assert.equal(uncertain.attempts, 1);
      desk.sink.behaviour.next = 'ok';
      await desk.settle();
      assert.equal((await outbound('maybe@client.test'))!.state, 'uncertain');
    } finally {
      desk.sink.behaviour.next = 'ok';
    }
  });
});

describe('outbound mail without a relay', () => {
  let desk: MailDesk;
  before(async () => {
    desk = await startMailDesk({ relay: false });
  });
  after(() => desk.close());

  it('keeps the rendered mail for the viewer instead of sending it', async () => {
    const admin = await desk.user({ admin: true });
    const project = await desk.project(admin, { path: 'kept' });
    const address = (await desk.request(admin.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.incoming_address;
    await desk.send({ from: 'kept@client.test', to: address, subject: 'Keep me', text: 'hi' });
    await desk.settle();
    const [message] = (await desk.request(admin.token, 'GET', '/api/v1/outbound_messages')).body;
    assert.equal(message.state, 'kept');
    assert.equal(message.kind, 'thank_you');
    assert.equal(desk.sink.mails.length, 0);
    const raw = await desk.http.inject({
      method: 'GET',
      url: `/api/v1/outbound_messages/${message.id}/raw`,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    assert.equal(raw.statusCode, 200);
    assert.match(raw.body, /^Subject: Re: Keep me \(#1\)\r$/m);
    assert.match(raw.body, /^To: kept@client\.test\r$/m);
  });
});
