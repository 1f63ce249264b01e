// Nothing stuck, duplicates exactly (issue 10), through the real pipeline on both databases: mail carrying
// NUL bytes or a Message-ID longer than an index takes, or a part without a usable Content-Type, becomes a
// ticket like any other; the same mail again is a duplicate, even with other transit headers, while another
// mail reusing its Message-ID is a new ticket. A database that cannot be written (full, down) is not the
// mail's fault: the job tries again.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { receiveInboundMessage } from '../../src/app/inbound/receive-inbound-message.ts';
import type { JobRow } from '../../src/db/schema/jobs.ts';
import { ingestJobHandler } from '../../src/mail/inbound/ingest-job.ts';
import { inProcessMail } from '../helpers/in-process-mail.ts';
import { whileWritesFail } from '../helpers/refused-writes.ts';
import { startTestApp, uniqueName, type TestApp, type TestUser } from '../helpers/test-app.ts';

describe('every stored mail ends processed, ignored or failed, whatever its bytes', () => {
  let t: TestApp;
  let owner: TestUser;
  let desk: string;
  let deliver: ReturnType<typeof inProcessMail>;

  before(async () => {
    t = await startTestApp();
    owner = await t.user();
    const project = await t.project(owner);
    desk = (await t.request(owner.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.service_desk_address;
    deliver = inProcessMail(t);
  });
  after(() => t.close());

  const mail = (headers: string[], body: string[]) =>
    Buffer.from([...headers, `To: ${desk}`, `Message-ID: <${uniqueName('m')}@example.com>`, '', ...body, ''].join('\r\n'), 'latin1');

  /** Delivers `raw` and answers the ticket and note texts it made (NUL-free on either database). */
  async function opened(raw: Buffer) {
    const outcome = await deliver(raw, { to: [desk] });
    assert.equal(outcome.state, 'processed', JSON.stringify(outcome));
    const ticket = await t.ctx.db.db
      .selectFrom('tickets')
      .select(['title', 'description', 'external_author'])
      .where('id', '=', outcome.ticket_id)
      .executeTakeFirstOrThrow();
    const files = await t.ctx.db.db.selectFrom('attachments').select(['filename', 'content_type']).where('ticket_id', '=', outcome.ticket_id).execute();
    return { outcome, ticket, files };
  }

  it('a NUL in the Subject, the From name and a header', async () => {
    const subject = `=?utf-8?B?${Buffer.from('Printer\u0000 broken').toString('base64')}?=`;
    const { outcome, ticket } = await opened(mail([`Subject: ${subject}`, 'From: "Ann\u0000 Lee" <ann@example.com>', 'X-Tag: a\u0000b'], ['Hello']));
    assert.equal(outcome.subject, 'Printer broken');
    assert.equal(ticket.title, 'Printer broken');
    assert.equal(ticket.external_author, 'ann@example.com');
    const raw = await opened(mail(['Subject: Scan\u0000ner', 'From: ann@example.com'], ['Hello']));
    assert.equal(raw.ticket.title, 'Scanner', 'a NUL written raw into the header, not encoded');
  });

  it('a NUL decoded from quoted-printable (=00) and from a base64 body', async () => {
    const qp = await opened(mail(['From: ann@example.com', 'Subject: qp', 'Content-Transfer-Encoding: quoted-printable'], ['one=00two']));
    assert.equal(qp.ticket.description, 'onetwo');
    const b64 = await opened(
      mail(['From: ann@example.com', 'Subject: b64', 'Content-Transfer-Encoding: base64'], [Buffer.from('three\u0000four').toString('base64')]),
    );
    assert.equal(b64.ticket.description, 'threefour');
  });

  it('a NUL in an attachment file name and content type', async () => {
    const { files } = await opened(
      mail(
        ['From: ann@example.com', 'Subject: file', 'Content-Type: multipart/mixed; boundary=B'],
        ['--B', 'Content-Type: text/plain', '', 'See the file.', '--B', 'Content-Type: application/x-\u0000log; name="a\u0000b.log"', '', 'log', '--B--'],
      ),
    );
    assert.deepEqual(files, [{ filename: 'ab.log', content_type: 'application/x-log' }]);
  });

  it('a Message-ID of 3,000 characters, and a reply naming it in In-Reply-To', async () => {
    // Random, so PostgreSQL cannot compress it under its index limit (~2.7 KB).
    const longId = `<${randomBytes(1500).toString('hex')}@example.com>`;
    const raw = Buffer.from(`From: ann@example.com\r\nTo: ${desk}\r\nSubject: long\r\nMessage-ID: ${longId}\r\n\r\nHello\r\n`);
    const first = await opened(raw);
    const reply = await deliver(
      Buffer.from(
        `From: ann@example.com\r\nTo: ${desk}\r\nSubject: Re: long\r\nMessage-ID: <r-${uniqueName('m')}@example.com>\r\nIn-Reply-To: ${longId}\r\n\r\nMore\r\n`,
      ),
      { to: [desk] },
    );
    assert.equal(reply.state, 'processed', JSON.stringify(reply));
    assert.equal(reply.ticket_id, first.outcome.ticket_id, 'threaded onto the same ticket');
    assert.equal(reply.matched_by, 'in_reply_to');
  });

  it('parts with an empty Content-Type join the body; one naming a file stays a file', async () => {
    const { ticket, files } = await opened(
      mail(
        ['From: ann@example.com', 'Subject: untyped', 'Content-Type: multipart/mixed; boundary=B'],
        [
          '--B',
          'Content-Type:',
          '',
          'The words.',
          '--B',
          'Content-Type: ; charset=utf-8',
          '',
          'More words.',
          '--B',
          'Content-Type: ; name=n.txt',
          '',
          'file',
          '--B--',
        ],
      ),
    );
    assert.match(ticket.description, /^The words\.\nMore words\.\n\n\[n\.txt\]\(/, 'the text, then the link to the file');
    assert.deepEqual(files, [{ filename: 'n.txt', content_type: 'text/plain' }]);
  });
});

describe('duplicates, exactly: the same Message-ID and the same content', () => {
  let t: TestApp;
  let desk: string;
  let deliver: ReturnType<typeof inProcessMail>;
  const original = (messageId: string, body = 'My printer is on fire.') => [
    'From: Ann <ann@example.com>',
    `To: DESK`,
    'Subject: Printer',
    'Date: Mon, 30 Nov 2026 10:00:00 +0000',
    `Message-ID: ${messageId}`,
    '',
    body,
    '',
  ];
  const raw = (lines: string[]) => Buffer.from(lines.join('\r\n').replace('DESK', desk));

  before(async () => {
    t = await startTestApp();
    const owner = await t.user();
    const project = await t.project(owner);
    desk = (await t.request(owner.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.service_desk_address;
    deliver = inProcessMail(t);
  });
  after(() => t.close());

  it('the same mail by another path (other transit headers) is a duplicate', async () => {
    const id = `<${uniqueName('m')}@example.com>`;
    const first = await deliver(raw(original(id)), { to: [desk] });
    assert.equal(first.state, 'processed', JSON.stringify(first));
    const transit = [
      'Received: from relay.example.net by mx.example.test; Mon, 30 Nov 2026 10:00:05 +0000',
      'Return-Path: <ann@example.com>',
      `Delivered-To: ${desk}`,
      `X-Original-To: ${desk}`,
      'Authentication-Results: mx.example.test; spf=pass',
      'ARC-Seal: i=1; a=rsa-sha256; cv=none; d=example.net; s=a; b=x',
      'DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=a; b=y',
    ];
    const again = await deliver(raw([...transit, ...original(id)]), { to: [desk] });
    assert.equal(again.state, 'ignored', JSON.stringify(again));
    assert.match(again.reason ?? '', /^duplicate:/);
  });

  it('another mail that reuses the Message-ID is a new ticket', async () => {
    const id = `<${uniqueName('m')}@example.com>`;
    const first = await deliver(raw(original(id)), { to: [desk] });
    const other = await deliver(raw(original(id, 'A different question.')), { to: [desk] });
    assert.equal(other.state, 'processed', JSON.stringify(other));
    assert.notEqual(other.ticket_id, first.ticket_id, 'a ticket of its own');
  });
});

describe('a database that cannot be written', () => {
  let t: TestApp;
  let desk: string;

  before(async () => {
    t = await startTestApp();
    const owner = await t.user();
    const project = await t.project(owner);
    desk = (await t.request(owner.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.service_desk_address;
  });
  after(() => t.close());

  it("is not the mail's fault: its job tries again, and the next attempt once the database is back processes it", async () => {
    const body = 'A long question. '.repeat(2000); // the ticket's text needs pages of its own
    const raw = Buffer.from(`From: ann@example.com\r\nTo: ${desk}\r\nSubject: full\r\nMessage-ID: <${uniqueName('m')}@example.com>\r\n\r\n${body}\r\n`);
    const { id } = await receiveInboundMessage(t.ctx, { raw, channel: 'smtp', envelopeFrom: 'ann@example.com', envelopeTo: [desk] });
    const attempt = () => ingestJobHandler(t.ctx).run({ inboundMessageId: id }, {} as JobRow);
    await whileWritesFail(t.database, t.ctx.db, async () => {
      await assert.rejects(attempt(), 'thrown to the worker, which tries again with backoff (and /health reports the job once dead)');
    });
    const waiting = await t.ctx.db.db.selectFrom('inbound_messages').select(['state', 'error']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(waiting, { state: 'received', error: null }, "not failed for the database's fault");
    await attempt();
    const done = await t.ctx.db.db.selectFrom('inbound_messages').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(done.state, 'processed');
  });
});
