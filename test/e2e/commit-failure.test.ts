// A commit that fails is never acknowledged (issue 10): while the database refuses the write — SQLite full
// (its page limit reached, as on a full disk), PostgreSQL down (connections refused, the open ones
// terminated) — the SMTP listener answers 451 and the IMAP sweep leaves the mail unseen in its folder; once
// the database is back, the same mail is taken: 250, stored, flagged.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ImapFlow } from 'imapflow';
import { mailboxesToRead, syncInstanceMailbox } from '../../src/app/mailboxes/mailbox-readers.ts';
import { takeNewMail } from '../../src/mail/inbound/imap/take-new-mail.ts';
import { dovecotSkip } from '../helpers/dovecot.ts';
import { DESK_ACCOUNT, DESK_PASSWORD, rawMail, startImapDesk, type ImapDesk } from '../helpers/imap-desk.ts';
import { whileWritesFail } from '../helpers/refused-writes.ts';
import { uniqueName } from '../helpers/test-app.ts';

const skip = dovecotSkip('test/e2e/commit-failure.test.ts');

describe('a failed commit is never acknowledged', { skip }, () => {
  let desk: ImapDesk;
  let address: string;

  before(async () => {
    desk = await startImapDesk({ env: (dovecot) => ({ IMAP_URL: dovecot.url(DESK_ACCOUNT, DESK_PASSWORD) }) });
    const admin = await desk.user({ admin: true });
    const project = await desk.project(admin, { path: 'commit-failure' });
    address = (await desk.request(admin.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.incoming_address;
    await syncInstanceMailbox(desk.ctx);
  });
  after(() => desk?.close());

  /** Large enough to need pages of its own. */
  const mail = (subject: string) => rawMail({ to: address, subject, messageId: `<${uniqueName('m')}@example.org>`, body: 'x'.repeat(256 * 1024) });
  const stored = (subject: string) => desk.ctx.db.db.selectFrom('inbound_messages').select('id').where('subject', '=', subject).execute();

  const whileCommitsFail = (during: () => Promise<void>) => whileWritesFail(desk.database, desk.ctx.db, during);

  it('SMTP answers 451 while the commit fails, and 250 for the same mail after', async () => {
    const raw = mail('smtp during failure');
    await whileCommitsFail(async () => {
      await assert.rejects(
        desk.sendRaw(raw, { from: 'customer@example.org', to: [address] }),
        (error: { responseCode?: number }) => error.responseCode === 451,
      );
    });
    assert.deepEqual(await stored('smtp during failure'), [], 'nothing half-stored');
    const answer = await desk.sendRaw(raw, { from: 'customer@example.org', to: [address] });
    assert.match(answer.response, /^250 /);
    await desk.settle();
    assert.equal((await stored('smtp during failure')).length, 1, 'stored and processed once');
  });

  it('IMAP leaves the mail unseen while the commit fails, and takes it after', async () => {
    const [mailbox] = await mailboxesToRead(desk.ctx);
    assert.ok(mailbox, 'the instance mailbox from IMAP_URL');
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: desk.dovecot.port,
      secure: false,
      auth: { user: DESK_ACCOUNT, pass: DESK_PASSWORD },
      logger: false,
    });
    await client.connect();
    try {
      await client.mailboxOpen('INBOX');
      await takeNewMail(desk.ctx, client, mailbox, () => false); // learns the folder's UIDVALIDITY while all is well
      desk.dovecot.deliver(DESK_ACCOUNT, mail('imap during failure'));
      await client.noop(); // dovecot sees the new file
      await whileCommitsFail(async () => {
        await assert.rejects(
          takeNewMail(desk.ctx, client, mailbox, () => false),
          'the sweep stops at the failed commit',
        );
      });
      assert.deepEqual(
        desk.dovecot.messages(DESK_ACCOUNT).map((m) => m.seen),
        [false],
        'still new on the server',
      );
      assert.deepEqual(await stored('imap during failure'), []);
      assert.equal((await takeNewMail(desk.ctx, client, mailbox, () => false)).taken, 1);
      assert.deepEqual(
        desk.dovecot.messages(DESK_ACCOUNT).map((m) => m.seen),
        [true],
        'flagged once stored',
      );
    } finally {
      await client.logout();
    }
  });
});
