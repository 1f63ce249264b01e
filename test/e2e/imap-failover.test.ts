// Several processes, one reader per mailbox (DESIGN §6, issue 8). Two app contexts on one database, each
// with its own connection pool and lock connection, as two `postdesk serve` processes have: only one reads
// the mailbox, and the other takes over when it stops. On PostgreSQL also: a process whose lock session
// dies stops reading at once, and a real `postdesk serve` killed with SIGKILL is replaced, nothing lost or
// stored twice. (On SQLite one process owns the file; its locks are in-process.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createContext, type Context } from '../../src/context.ts';
import { DEFAULT_ELECT_EVERY_MS } from '../../src/mail/inbound/imap/imap-receiver.ts';
import { usingPostgres } from '../helpers/database.ts';
import { freePort, runPostdesk } from '../helpers/process.ts';
import { dovecotSkip } from '../helpers/dovecot.ts';
import { DESK_ACCOUNT, DESK_PASSWORD, rawMail, startImapDesk, type ImapDesk } from '../helpers/imap-desk.ts';

const skip = dovecotSkip('test/e2e/imap-failover.test.ts');

describe('IMAP mailboxes across processes', { skip }, () => {
  let desk: ImapDesk;
  let second: Context;
  let address: string;

  before(async () => {
    desk = await startImapDesk({ env: (dovecot) => ({ IMAP_URL: dovecot.url(DESK_ACCOUNT, DESK_PASSWORD) }) });
    const admin = await desk.user({ admin: true });
    const project = await desk.project(admin, { path: 'failover' });
    address = (await desk.request(admin.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.incoming_address;
    second = createContext(desk.ctx.config, { db: desk.database.open(), logger: pino({ level: 'silent' }) });
  });
  after(async () => {
    await desk?.close();
    await second?.locks.close();
  });

  const storedWithMessageId = async (messageId: string) => {
    await desk.settle();
    return desk.ctx.db.db.selectFrom('inbound_messages').select('id').where('message_id', '=', messageId).execute();
  };
  const ticketFor = (title: string) =>
    desk.waitFor(`a ticket "${title}"`, async () => desk.ctx.db.db.selectFrom('tickets').select('id').where('title', '=', title).executeTakeFirst(), 30_000);

  const lockHolders = async () =>
    (
      await sql<{ pid: number }>`select pid from pg_locks
        where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`.execute(desk.ctx.db.db)
    ).rows.map((r) => r.pid);

  it('reads each mailbox in one process only; when that one stops, the other takes over', async () => {
    const first = await desk.startReceiver();
    await desk.waitFor('the first process reading', async () => first.mailboxesRead().length === 1);
    const standby = await desk.startReceiver({ ctx: second });
    desk.dovecot.deliver(DESK_ACCOUNT, rawMail({ to: address, subject: 'While both run', messageId: '<both@example.org>' }));
    await ticketFor('While both run');
    assert.deepEqual(standby.mailboxesRead(), [], 'the second process must not read a mailbox the first holds');
    assert.equal((await storedWithMessageId('<both@example.org>')).length, 1);
    await first.stop();
    desk.dovecot.deliver(DESK_ACCOUNT, rawMail({ to: address, subject: 'After the first stopped', messageId: '<stopped@example.org>' }));
    await ticketFor('After the first stopped');
    assert.equal(standby.mailboxesRead().length, 1, 'the second process reads it now');
    assert.equal((await storedWithMessageId('<stopped@example.org>')).length, 1);
    await standby.stop();
  });

  it('stops reading at once when its lock session dies, and the other takes over (PostgreSQL)', { skip: !usingPostgres() && 'PostgreSQL only' }, async () => {
    // The first looks again only after a minute, so what happens next is the second's doing.
    const first = await desk.startReceiver({ electEveryMs: 60_000 });
    await desk.waitFor('the first process reading', async () => first.mailboxesRead().length === 1);
    const standby = await desk.startReceiver({ ctx: second, electEveryMs: DEFAULT_ELECT_EVERY_MS });
    const holders = await lockHolders();
    assert.equal(holders.length, 1, 'one session holds the mailbox lock');
    await sql`select pg_terminate_backend(${holders[0]!})`.execute(desk.ctx.db.db);
    await desk.waitFor('the first process to let the mailbox go', async () => first.mailboxesRead().length === 0);
    desk.dovecot.deliver(DESK_ACCOUNT, rawMail({ to: address, subject: 'After the lock died', messageId: '<lock-died@example.org>' }));
    await ticketFor('After the lock died');
    assert.deepEqual(standby.mailboxesRead().length, 1, 'the second process reads it now');
    assert.equal((await storedWithMessageId('<lock-died@example.org>')).length, 1);
    await standby.stop();
    await first.stop();
  });

  it('takes over from a `postdesk serve` process killed with SIGKILL (PostgreSQL)', { skip: !usingPostgres() && 'PostgreSQL only' }, async () => {
    const config = desk.ctx.config;
    const serve = runPostdesk(['serve'], {
      DATABASE_URL: (desk.database.config as { url: string }).url,
      DATA_DIR: desk.database.dataDir,
      PORT: String(await freePort()),
      SMTP_LISTEN_PORT: '0',
      INCOMING_EMAIL_ADDRESS: config.incomingEmailAddress,
      IMAP_URL: desk.dovecot.url(DESK_ACCOUNT, DESK_PASSWORD),
      POSTDESK_ROOT_PASSWORD: 'root password for the child',
    });
    try {
      await serve.waitFor(/Postdesk is running/);
      await desk.waitFor('the serve process holding the mailbox', async () => (await lockHolders()).length === 1);
      desk.dovecot.deliver(DESK_ACCOUNT, rawMail({ to: address, subject: 'Read by serve', messageId: '<serve@example.org>' }));
      await ticketFor('Read by serve');
      const standby = await desk.startReceiver({ ctx: second, electEveryMs: DEFAULT_ELECT_EVERY_MS });
      assert.deepEqual(standby.mailboxesRead(), [], 'the serve process holds it');
      serve.child.kill('SIGKILL');
      const died = Date.now();
      await serve.exited;
      desk.dovecot.deliver(DESK_ACCOUNT, rawMail({ to: address, subject: 'After serve was killed', messageId: '<killed@example.org>' }));
      await ticketFor('After serve was killed');
      console.log(`# failover: serve killed -> ticket for a mail delivered then, read by the other process, in ${Date.now() - died} ms`);
      assert.equal(standby.mailboxesRead().length, 1, 'the other process reads it now');
      assert.equal((await storedWithMessageId('<killed@example.org>')).length, 1);
      assert.equal((await storedWithMessageId('<serve@example.org>')).length, 1);
    } finally {
      if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
    }
  });
});
