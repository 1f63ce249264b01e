// IMAP mailboxes against a real dovecot (issue 8): mail pushed by IDLE becomes a ticket; mail that arrived
// while Postdesk was down is taken on start; a connection cut mid-fetch, or between the commit and the
// \Seen flag, loses nothing and stores nothing twice; wrong credentials are an error on the mailbox, not a
// crash; a UIDVALIDITY change is recognised by content; move_to moves taken mail.
import assert from 'node:assert/strict';
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dovecotSkip } from '../helpers/dovecot.ts';
import { DESK_ACCOUNT, DESK_PASSWORD, rawMail, startImapDesk, type ImapDesk } from '../helpers/imap-desk.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import type { TestUser } from '../helpers/test-app.ts';
import type { ImapReceiver } from '../../src/mail/inbound/imap/imap-receiver.ts';
import { readRawMessage } from '../../src/app/inbound/raw-message.ts';

const skip = dovecotSkip('test/e2e/imap-mailboxes.test.ts');
/** Above the ~300 KB mail of the cut-mid-fetch case, below the big one here. */
const MAX_BYTES = 600_000;

describe('IMAP mailboxes', { skip }, () => {
  let desk: ImapDesk;
  let admin: TestUser;
  let projectId: number;
  let address: string;
  let receiver: ImapReceiver;
  const proxies: TcpProxy[] = [];

  before(async () => {
    desk = await startImapDesk({ env: (dovecot) => ({ IMAP_URL: dovecot.url(DESK_ACCOUNT, DESK_PASSWORD), MAX_MESSAGE_BYTES: String(MAX_BYTES) }) });
    admin = await desk.user({ admin: true });
    projectId = (await desk.project(admin, { path: 'imap-desk' })).id;
    address = (await desk.request(admin.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
  });
  after(async () => {
    for (const proxy of proxies) await proxy.close();
    await desk?.close();
  });

  const ticketsTitled = (title: string) => desk.ctx.db.db.selectFrom('tickets').selectAll().where('title', '=', title).execute();
  const storedWithMessageId = async (messageId: string) => {
    await desk.settle();
    return desk.ctx.db.db.selectFrom('inbound_messages').selectAll().where('message_id', '=', messageId).execute();
  };
  const mailboxes = async () => (await desk.request(admin.token, 'GET', '/api/v1/mailboxes')).body as Array<Record<string, any>>;
  const mailboxOf = async (id: number) => (await mailboxes()).find((m) => m.id === id);
  const ticketFor = (title: string) => desk.waitFor(`a ticket "${title}"`, async () => (await ticketsTitled(title))[0]);
  const allSeen = (account: string, folder?: string) => desk.dovecot.messages(account, folder).every((m) => m.seen);
  /** A project mailbox through the API, for an account made here; optionally reached through a proxy that can cut it. */
  const addProjectMailbox = async (account: string, options: { proxy?: TcpProxy; password?: string; moveTo?: string } = {}) => {
    desk.dovecot.account(account, 'right password');
    const url = new URL(desk.dovecot.url(account, options.password ?? 'right password'));
    if (options.proxy) url.port = String(options.proxy.port);
    const created = await desk.request(admin.token, 'POST', `/api/v1/projects/${projectId}/mailboxes`, {
      imap_url: url.toString(),
      ...(options.moveTo && { move_to: options.moveTo }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: number };
  };

  it('takes mail that arrived while Postdesk was down as soon as it starts', async () => {
    desk.dovecot.deliver(DESK_ACCOUNT, rawMail({ to: address, subject: 'Arrived while down', messageId: '<down@example.org>' }));
    receiver = await desk.startReceiver();
    const ticket = await ticketFor('Arrived while down');
    assert.equal(ticket.project_id, projectId);
    const [stored] = await storedWithMessageId('<down@example.org>');
    assert.equal(stored?.channel, 'imap');
    assert.equal(stored?.matched_by, 'project_key');
    await desk.waitFor('the message flagged \\Seen', async () => allSeen(DESK_ACCOUNT));
  });

  it('turns a mail delivered into the mailbox into a ticket through IDLE (no periodic sweep runs)', async () => {
    await desk.waitFor('the instance mailbox connected', async () => (await mailboxes()).find((m) => m.project_id === null)?.connected);
    const delivered = Date.now();
    desk.dovecot.deliver(DESK_ACCOUNT, rawMail({ to: address, subject: 'Pushed by IDLE', messageId: '<idle@example.org>' }));
    await ticketFor('Pushed by IDLE');
    console.log(`# IDLE: delivery into the Maildir -> ticket in ${Date.now() - delivered} ms`);
    const instance = (await mailboxes()).find((m) => m.project_id === null)!;
    assert.ok(instance.last_fetch_at, 'last_fetch_at is set after a fetch');
    assert.equal(instance.last_error, null);
    assert.match(instance.url_without_password, /^imap:\/\/desk%40example\.test:\*{5}@127\.0\.0\.1:\d+\/INBOX$/);
  });

  it('takes only the headers of a mail larger than MAX_MESSAGE_BYTES: on record as too_large, its writer told, once', async () => {
    const before = desk.sink.mails.length;
    desk.dovecot.deliver(
      DESK_ACCOUNT,
      rawMail({
        to: address,
        from: 'big@example.org',
        subject: 'Huge scan',
        messageId: '<huge@example.org>',
        body: 'x'.repeat(76).concat('\r\n').repeat(9000),
      }),
    );
    await desk.waitFor('the big message recorded', async () => (await storedWithMessageId('<huge@example.org>'))[0]?.state === 'ignored');
    const [stored] = await storedWithMessageId('<huge@example.org>');
    assert.match(stored!.reason!, /^too_large: \d+ bytes; the limit is 600000/);
    assert.ok(stored!.size > MAX_BYTES, 'its real size is kept');
    assert.ok((await readRawMessage(desk.ctx.db.db, stored!.id)).length < 2000, 'only the headers are');
    assert.equal((await ticketsTitled('Huge scan')).length, 0);
    const rejection = await desk.waitFor('the [Rejected] answer', async () =>
      desk.sink.mails.slice(before).find((m) => m.parsed.subject === '[Rejected] Huge scan'),
    );
    assert.equal(rejection.envelopeTo[0], 'big@example.org');
    await desk.waitFor('the big message flagged \\Seen', async () => allSeen(DESK_ACCOUNT));
    // Another sweep finds it stored and does not answer it again.
    desk.dovecot.deliver(DESK_ACCOUNT, rawMail({ to: address, subject: 'After the big one', messageId: '<after-big@example.org>' }));
    await ticketFor('After the big one');
    assert.equal((await storedWithMessageId('<huge@example.org>')).length, 1);
    assert.equal(desk.sink.mails.filter((m) => m.parsed.subject === '[Rejected] Huge scan').length, 1);
  });

  it('loses nothing and stores nothing twice when the connection is cut in the middle of a fetch', async () => {
    const proxy = await startTcpProxy(desk.dovecot.port);
    proxies.push(proxy);
    const { id } = await addProjectMailbox('cut-fetch@example.test', { proxy });
    await desk.waitFor('the mailbox connected', async () => (await mailboxOf(id))?.connected);
    const cut = proxy.cutOnce({ clientSends: /FETCH [^\r\n]*BODY\.PEEK\[\]/i, when: 'mid-answer', afterBytes: 20_000 });
    const body = `A long report.\r\n${`${'0123456789abcdef'.repeat(4)}\r\n`.repeat(4_500)}`; // ~300 KB: the answer spans many packets
    desk.dovecot.deliver(
      'cut-fetch@example.test',
      rawMail({ to: 'support@customer.example', subject: 'Cut mid-fetch', messageId: '<cut-fetch@example.org>', body }),
    );
    await cut;
    await ticketFor('Cut mid-fetch');
    await desk.waitFor('the message flagged \\Seen', async () => allSeen('cut-fetch@example.test'));
    assert.equal((await storedWithMessageId('<cut-fetch@example.org>')).length, 1, 'stored once');
    assert.equal((await ticketsTitled('Cut mid-fetch')).length, 1, 'one ticket');
    assert.ok(proxy.connections() >= 2, 'the reader reconnected after the cut');
  });

  it('recognises a message stored but not yet flagged when the connection died between the two', async () => {
    const proxy = await startTcpProxy(desk.dovecot.port);
    proxies.push(proxy);
    const { id } = await addProjectMailbox('cut-flag@example.test', { proxy });
    await desk.waitFor('the mailbox connected', async () => (await mailboxOf(id))?.connected);
    const cut = proxy.cutOnce({ clientSends: /STORE [^\r\n]*\\Seen/i, when: 'before' });
    desk.dovecot.deliver(
      'cut-flag@example.test',
      rawMail({ to: 'support@customer.example', subject: 'Cut before the flag', messageId: '<cut-flag@example.org>' }),
    );
    await cut;
    assert.equal((await storedWithMessageId('<cut-flag@example.org>')).length, 1, 'committed before the flag');
    await desk.waitFor('the message flagged \\Seen after reconnecting', async () => allSeen('cut-flag@example.test'));
    assert.equal((await storedWithMessageId('<cut-flag@example.org>')).length, 1, 'still stored once');
    assert.equal((await ticketsTitled('Cut before the flag')).length, 1, 'one ticket');
  });

  it('moves taken mail to move_to instead of flagging it, making the folder', async () => {
    await addProjectMailbox('mover@example.test', { moveTo: 'Processed' });
    desk.dovecot.deliver('mover@example.test', rawMail({ to: 'support@customer.example', subject: 'Moved away', messageId: '<moved@example.org>' }));
    await ticketFor('Moved away');
    await desk.waitFor('the message moved', async () => desk.dovecot.messages('mover@example.test').length === 0);
    assert.equal(desk.dovecot.messages('mover@example.test', 'Processed').length, 1);
  });

  it('stores nothing twice after a UIDVALIDITY change, and takes what is new', async () => {
    const account = 'renumbered@example.test';
    const { id } = await addProjectMailbox(account);
    desk.dovecot.deliver(account, rawMail({ to: 'support@customer.example', subject: 'Before renumbering', messageId: '<renum-a@example.org>' }));
    await ticketFor('Before renumbering');
    await desk.waitFor('the message flagged \\Seen', async () => allSeen(account));
    const validityBefore = (await desk.ctx.db.db.selectFrom('mailboxes').select('uid_validity').where('id', '=', id).executeTakeFirstOrThrow()).uid_validity;
    await receiver.stop();
    // dovecot makes UIDVALIDITY from the clock, in seconds.
    await desk.waitFor('the next second', async () => Math.floor(Date.now() / 1000) > Number(validityBefore));
    // What a server migration or a rebuilt index does: every UID renumbered under a new UIDVALIDITY, and
    // here the old message unread again too, so only its content can tell it was taken.
    const maildir = desk.dovecot.maildir(account);
    for (const name of readdirSync(maildir)) if (name.startsWith('dovecot')) rmSync(join(maildir, name), { force: true });
    for (const file of readdirSync(join(maildir, 'cur'))) renameSync(join(maildir, 'cur', file), join(maildir, 'new', file.replace(/:2,.*$/, '')));
    desk.dovecot.deliver(account, rawMail({ to: 'support@customer.example', subject: 'After renumbering', messageId: '<renum-b@example.org>' }));
    receiver = await desk.startReceiver();
    await ticketFor('After renumbering');
    await desk.waitFor('both messages flagged \\Seen', async () => allSeen(account));
    const validityAfter = (await desk.ctx.db.db.selectFrom('mailboxes').select('uid_validity').where('id', '=', id).executeTakeFirstOrThrow()).uid_validity;
    assert.notEqual(validityAfter, validityBefore, 'dovecot gave the folder a new UIDVALIDITY');
    assert.equal((await storedWithMessageId('<renum-a@example.org>')).length, 1, 'the old message is not stored again');
    assert.equal((await ticketsTitled('Before renumbering')).length, 1);
  });
  // Last: dovecot slows every login from an address after failed ones (its auth penalty), as providers do.
  it('shows wrong credentials as an error on the mailbox and keeps reading the others', async () => {
    const { id } = await addProjectMailbox('wrong@example.test', { password: 'not the password' });
    const broken = await desk.waitFor('an error on the mailbox', async () => {
      const row = await mailboxOf(id);
      return row?.last_error ? row : undefined;
    });
    assert.match(broken.last_error, /authentication failed/i);
    assert.ok(!broken.last_error.includes('not the password'), 'the error never quotes the password');
    assert.equal(broken.connected, false);
    desk.dovecot.deliver(DESK_ACCOUNT, rawMail({ to: address, subject: 'Still reading', messageId: '<still@example.org>' }));
    await ticketFor('Still reading');
  });
});
