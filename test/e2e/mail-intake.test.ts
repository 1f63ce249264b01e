// What arrives that is not a tidy new mail: each case gets a clear, recorded outcome (an SMTP code, or an
// `ignored`/`failed` record with a reason), never a crash, never silence.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';
import { readRawMessage } from '../../src/app/inbound/raw-message.ts';

const WEBHOOK_SECRET = 'webhook-secret-for-intake-tests';

describe('mail intake: bad input and screening', () => {
  let desk: MailDesk;
  let owner: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk({ env: { MAX_MESSAGE_BYTES: String(2 * 1024 * 1024), INBOUND_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    owner = await desk.user({ admin: true });
    const project = await desk.project(owner, { path: 'intake' });
    projectId = project.id;
    address = (await desk.request(owner.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
  });
  after(() => desk.close());

  const latestInbound = async () => (await desk.request(owner.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0];
  const ticketCount = async () => Number((await desk.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets?state=all`)).headers['x-total']);
  const raw = (headers: string, body = 'Hello') => `${headers.trim().replace(/\n/g, '\r\n')}\r\n\r\n${body}\r\n`;

  it('refuses unknown recipients at RCPT with 550 and oversized mail with 552', async () => {
    await assert.rejects(
      desk.send({ from: 'a@example.test', to: 'nobody@elsewhere.test', subject: 'x', text: 'x' }),
      (e: { responseCode?: number }) => e.responseCode === 550,
    );
    await assert.rejects(
      desk.send({ from: 'a@example.test', to: address, subject: 'big', text: 'x'.repeat(3 * 1024 * 1024) }),
      (e: { responseCode?: number }) => e.responseCode === 552,
    );
  });

  it('keeps the headers of a webhook mail over MAX_MESSAGE_BYTES and answers it [Rejected]; far beyond, 413', async () => {
    const post = (payload: string) =>
      desk.http.inject({
        method: 'POST',
        url: '/api/v1/inbound/mime',
        headers: { authorization: `Bearer ${WEBHOOK_SECRET}`, 'content-type': 'message/rfc822' },
        payload,
      });
    const head = `From: big@client.test\nTo: ${address}\nSubject: Huge upload\nMessage-ID: <huge-http@client.test>`;
    const answer = await post(raw(head, 'line of text\r\n'.repeat(200_000)));
    assert.equal(answer.statusCode, 201, answer.body);
    await desk.settle();
    const stored = await latestInbound();
    assert.equal(stored.id, answer.json().id);
    assert.equal(stored.state, 'ignored');
    assert.match(stored.reason, /^too_large: 2800\d+ bytes; the limit is 2097152/);
    assert.ok((await readRawMessage(desk.ctx.db.db, stored.id)).length < 1024, 'only the header block is kept');
    const rejections = desk.sink.mails.filter((m) => m.envelopeTo[0] === 'big@client.test');
    assert.deepEqual(
      rejections.map((m) => m.parsed.subject),
      ['[Rejected] Huge upload'],
      'its writer is told once',
    );
    assert.equal(rejections[0]!.parsed.inReplyTo, '<huge-http@client.test>');
    const far = await post(raw(head, 'x'.repeat(9 * 1024 * 1024)));
    assert.equal(far.statusCode, 413, 'past four times the limit the body is not read on');
  });

  it('stores garbage bytes and gives them an outcome without crashing', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256).filter((b) => b !== 10 && b !== 13 && b !== 46));
    const answer = await desk.sendRaw(garbage, { from: 'x@example.test', to: [address] });
    assert.match(answer.response, /^250 /);
    await desk.settle();
    const message = await latestInbound();
    assert.notEqual(message.state, 'received');
    assert.ok(['processed', 'ignored', 'failed'].includes(message.state), "['processed', 'ignored', 'failed'].includes(message.state)");
    // The desk still works after it.
    assert.equal((await desk.request(owner.token, 'GET', '/api/v1/health')).body.status, 'ok');
  });

  it('ignores mail with no usable sender: no From, Reply-To or Sender address, so no one to answer', async () => {
    const before = { tickets: await ticketCount(), mails: desk.sink.mails.length };
    await desk.sendRaw(raw(`To: ${address}\nSubject: anonymous\nMessage-ID: <nofrom@example.test>`), { from: 'bounce@example.test', to: [address] });
    await desk.settle();
    const message = await latestInbound();
    assert.equal(message.state, 'ignored');
    assert.equal(message.reason, 'no_sender: no From, Reply-To or Sender address');
    assert.equal(await ticketCount(), before.tickets);
    assert.equal(desk.sink.mails.length, before.mails);
  });

  it('ignores mass mail, spam marks, null return paths and our own mail coming back: nothing made, nothing sent', async () => {
    const before = { tickets: await ticketCount(), mails: desk.sink.mails.length };
    const cases: Array<{ headers: string; envelopeFrom?: string; reason: RegExp }> = [
      { headers: 'Precedence: bulk', reason: /^bulk: Precedence: bulk$/ },
      { headers: 'List-Id: Weekly offers <offers.shop.example>', reason: /^bulk: List-Id/ },
      { headers: 'List-Unsubscribe: <https://shop.example/u/1>', reason: /^bulk: List-Unsubscribe/ },
      { headers: 'X-Spam-Flag: YES', reason: /^spam: X-Spam-Flag: YES$/ },
      { headers: 'X-Spam-Status: Yes, score=12.0', reason: /^spam: X-Spam-Status: Yes$/ },
      { headers: 'X-Note: a notification', envelopeFrom: '', reason: /^bounce: an empty return path \(MAIL FROM:<>\)$/ },
      { headers: 'Return-Path: <>', reason: /^bounce: an empty return path \(Return-Path: <>\)$/ },
    ];
    for (const [i, { headers, envelopeFrom, reason }] of cases.entries()) {
      const from = `sender${i}@example.test`;
      await desk.sendRaw(raw(`From: ${from}\nTo: ${address}\nSubject: screened ${i}\n${headers}`), { from: envelopeFrom ?? from, to: [address] });
      await desk.settle();
      const message = await latestInbound();
      assert.equal(message.state, 'ignored', headers);
      assert.match(message.reason, reason, headers);
    }
    // Mail from one of our own addresses: a loop in the making, whatever it says.
    await desk.sendRaw(raw(`From: Support <${address}>\nTo: ${address}\nSubject: from ourselves`), { from: 'relay@example.test', to: [address] });
    await desk.settle();
    const own = await latestInbound();
    assert.equal(own.state, 'ignored');
    assert.match(own.reason, /^own_address: from support\+.*@desk\.test, an address of this Postdesk$/);
    assert.equal(await ticketCount(), before.tickets);
    assert.equal(desk.sink.mails.length, before.mails, 'no thank-you went to any of them');
  });

  it('opens tickets from mail without Message-ID, with an empty body, and with an empty subject', async () => {
    await desk.sendRaw(raw(`From: a@example.test\nTo: ${address}\nSubject: no id`), { from: 'a@example.test', to: [address] });
    await desk.settle();
    assert.equal((await latestInbound()).state, 'processed');
    await desk.sendRaw(raw(`From: b@example.test\nTo: ${address}\nSubject:\nMessage-ID: <empty@example.test>`, ''), { from: 'b@example.test', to: [address] });
    await desk.settle();
    const message = await latestInbound();
    assert.equal(message.state, 'processed');
    const ticket = (await desk.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets/${message.ticket_iid}`)).body;
    assert.equal(ticket.title, '(no subject)');
    assert.equal(ticket.description, '');
  });

  it('copes with a 1 MB header', async () => {
    const huge = `X-Huge: ${'a'.repeat(76)}${'\r\n b'.repeat((1024 * 1024) / 4)}`;
    const answer = await desk.sendRaw(raw(`From: c@example.test\nTo: ${address}\nSubject: huge header\n${huge}`), { from: 'c@example.test', to: [address] });
    assert.match(answer.response, /^250 /);
    await desk.settle();
    const message = await latestInbound();
    assert.ok(['processed', 'failed'].includes(message.state), message.state);
    if (message.state === 'processed') assert.equal(message.subject, 'huge header');
  });

  it('ignores auto-replies and out-of-office mail: nothing made, nothing sent (SD-19, SD-20)', async () => {
    const before = { tickets: await ticketCount(), mails: desk.sink.mails.length };
    for (const header of ['Auto-Submitted: auto-replied', 'X-Autoreply: yes', 'auto-submitted:  auto-generated ']) {
      await desk.sendRaw(raw(`From: ooo@example.test\nTo: ${address}\nSubject: Out of office\n${header}`), { from: 'ooo@example.test', to: [address] });
      await desk.settle();
      const message = await latestInbound();
      assert.equal(message.state, 'ignored');
      assert.match(message.reason, /^auto_(submitted|reply)/);
    }
    await desk.sendRaw(raw(`From: human@example.test\nTo: ${address}\nSubject: Real person\nAuto-Submitted: no`), {
      from: 'human@example.test',
      to: [address],
    });
    await desk.settle();
    assert.equal((await latestInbound()).state, 'processed');
    assert.equal(await ticketCount(), before.tickets + 1);
    assert.equal(desk.sink.mails.length, before.mails + 1, 'only the real person was thanked');
  });

  it('makes one ticket of the same mail delivered twice (same Message-ID and content, or the same bytes), a new one of another mail reusing its Message-ID', async () => {
    const before = await ticketCount();
    const date = new Date('2026-11-30T10:00:00Z');
    const mail = { from: 'twice@example.test', to: address, subject: 'Sent twice', text: 'once please', messageId: '<twice@example.test>', date };
    await desk.send(mail);
    await desk.send(mail);
    await desk.send({ ...mail, text: 'another mail from a mailer that reuses Message-IDs' });
    const bytes = raw(`From: bytes@example.test\nTo: ${address}\nSubject: same bytes`);
    await desk.sendRaw(bytes, { from: 'bytes@example.test', to: [address] });
    await desk.sendRaw(bytes, { from: 'bytes@example.test', to: [address] });
    await desk.settle();
    assert.equal(await ticketCount(), before + 3);
    const recent = (await desk.request(owner.token, 'GET', '/api/v1/inbound_messages?per_page=5')).body;
    assert.equal(recent.filter((m: { reason: string | null }) => m.reason?.startsWith('duplicate')).length, 2);
  });

  it('records an unknown reply key and a disabled service desk as ignored, and answers each with [Rejected] (SD-24, SD-26)', async () => {
    const rejectionsTo = (to: string) => desk.sink.mails.filter((m) => m.envelopeTo[0] === to && m.parsed.subject?.startsWith('[Rejected]'));
    const unknownKey = address.replace(/\+[^@]+@/, `+${'0'.repeat(32)}@`);
    await desk.send({ from: 'r@example.test', to: unknownKey, subject: 'Re: something', text: 'my secret words', messageId: '<unknown-key@example.test>' });
    await desk.settle();
    const unknown = await latestInbound();
    assert.equal(unknown.state, 'ignored');
    assert.equal(unknown.reason, 'unknown_reply_key');
    const [rejection] = rejectionsTo('r@example.test');
    assert.ok(rejection, 'the sender is told');
    assert.equal(rejection.parsed.subject, '[Rejected] Re: something');
    assert.equal(rejection.parsed.inReplyTo, '<unknown-key@example.test>');
    assert.match(String(rejection.parsed.references), /<unknown-key@example\.test>/);
    assert.equal(rejection.parsed.headers.get('auto-submitted'), 'auto-replied');
    assert.equal(rejection.parsed.replyTo, undefined, 'not retryable: nothing to answer');
    assert.ok(!rejection.raw.toString().includes('my secret words'), 'the original text is not quoted');

    await desk.request(owner.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { enabled: false });
    try {
      const before = await ticketCount();
      await desk.send({ from: 'd@example.test', to: address, subject: 'while disabled', text: 'hi' });
      await desk.settle();
      const disabled = await latestInbound();
      assert.equal(disabled.state, 'ignored');
      assert.equal(disabled.reason, 'service_desk_disabled');
      assert.equal(await ticketCount(), before);
      assert.equal(rejectionsTo('d@example.test').length, 1, 'one rejection, no thank-you');
      assert.equal(desk.sink.mails.filter((m) => m.envelopeTo[0] === 'd@example.test').length, 1);
    } finally {
      await desk.request(owner.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { enabled: true });
    }
  });

  it('replays an ignored message once the cause is fixed', async () => {
    await desk.request(owner.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { enabled: false });
    await desk.send({ from: 'later@example.test', to: address, subject: 'replay me', text: 'hi' });
    await desk.settle();
    const ignored = await latestInbound();
    assert.equal(ignored.reason, 'service_desk_disabled');
    await desk.request(owner.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { enabled: true });
    const replay = await desk.request(owner.token, 'POST', `/api/v1/inbound_messages/${ignored.id}/replay`);
    assert.equal(replay.status, 200);
    await desk.settle();
    const after = (await desk.request(owner.token, 'GET', `/api/v1/inbound_messages/${ignored.id}`)).body;
    assert.equal(after.state, 'processed');
    assert.equal(after.matched_by, 'project_key');
    assert.equal((await desk.request(owner.token, 'POST', `/api/v1/inbound_messages/${ignored.id}/replay`)).status, 409);
  });

  it('answers 451 while the database is locked, and 250 once it is free', async () => {
    if (desk.database.config.dialect !== 'sqlite') {
      // PostgreSQL has no whole-database write lock to hold; a lock on the table is the equivalent.
      const locker = desk.database.open();
      const holding = locker.db.transaction().execute(async (trx) => {
        await trx.executeQuery({ sql: 'lock table inbound_messages in exclusive mode', parameters: [], query: { kind: 'RawNode' } as never } as never);
        await new Promise((resolve) => setTimeout(resolve, 1500));
      });
      const answer = await desk.send({ from: 'locked@example.test', to: address, subject: 'during a lock', text: 'hi' });
      await holding;
      assert.match(answer.response, /^250 /, 'the write waited for the lock and then committed');
      return;
    }
    const { default: SqliteDatabase } = await import('better-sqlite3');
    const file = (desk.database.config as { file: string }).file;
    const locker = new SqliteDatabase(file);
    locker.exec('BEGIN IMMEDIATE'); // holds the write lock
    try {
      // Held longer than our busy timeout and retries: the listener must answer 451, never 250 without storing.
      await assert.rejects(
        desk.send({ from: 'locked@example.test', to: address, subject: 'during a lock', text: 'hi' }),
        (e: { responseCode?: number }) => e.responseCode === 451,
      );
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    const answer = await desk.send({ from: 'locked@example.test', to: address, subject: 'after the lock', text: 'hi' });
    assert.match(answer.response, /^250 /);
  });
});

describe('mail intake: flood limits', () => {
  let desk: MailDesk;
  before(async () => {
    desk = await startMailDesk({ env: { RATE_LIMIT_NEW_TICKETS_PER_SENDER_HOUR: '2', RATE_LIMIT_AUTO_MAILS_PER_RECIPIENT_HOUR: '1' } });
  });
  after(() => desk.close());

  it('stops one sender from opening more tickets an hour than allowed, and thanks each address at most as often as allowed', async () => {
    const owner = await desk.user();
    const project = await desk.project(owner, { path: 'flood' });
    const address = (await desk.request(owner.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.incoming_address;
    // One at a time: mails in flight together are parsed in parallel worker threads and may commit in any order.
    for (let i = 1; i <= 3; i++) {
      await desk.send({ from: 'loop@example.test', to: address, subject: `flood ${i}`, text: 'again' });
      await desk.settle();
    }
    await desk.send({ from: 'calm@example.test', to: address, subject: 'one question', text: 'hi' });
    await desk.settle();
    const tickets = await desk.request(owner.token, 'GET', `/api/v1/projects/${project.id}/tickets?state=all`);
    assert.deepEqual(tickets.body.map((t: { title: string }) => t.title).sort(), ['flood 1', 'flood 2', 'one question']);
    const inbound = (await desk.request(owner.token, 'GET', `/api/v1/inbound_messages?project_id=${project.id}`)).body;
    assert.equal(
      inbound.filter((m: { reason: string | null }) => m.reason?.startsWith('rate_limited')).length,
      1,
      'the held-back mail is on record for the project',
    );
    const thanked = (await desk.request(owner.token, 'GET', `/api/v1/outbound_messages?project_id=${project.id}`)).body.map((m: { to: string }) => m.to).sort();
    assert.deepEqual(thanked, ['calm@example.test', 'loop@example.test'], 'the looping sender was thanked once');
  });
});
