// Who sent it, for mail read from a provider's mailbox (a real dovecot): the provider's Authentication-Results
// is believed when TRUSTED_AUTHSERV_ID names it, else Postdesk checks DKIM itself. A forged reply that
// reaches the bare mailbox and names a ticket only by References is refused; the genuine one is threaded.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { dkimKeyPair, fixedDns } from '../helpers/dns.ts';
import { dovecotSkip } from '../helpers/dovecot.ts';
import { DESK_ACCOUNT, DESK_PASSWORD, rawMail, startImapDesk, type ImapDesk } from '../helpers/imap-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

const skip = dovecotSkip('test/e2e/imap-verdicts.test.ts');
const PROVIDER = 'mx.provider.test';
const key = dkimKeyPair();

describe('sender verification of IMAP mail', { skip }, () => {
  let desk: ImapDesk;
  let admin: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startImapDesk({
      env: (dovecot) => ({ IMAP_URL: dovecot.url(DESK_ACCOUNT, DESK_PASSWORD), TRUSTED_AUTHSERV_ID: PROVIDER }),
      dns: fixedDns({ txt: { 's1._domainkey.example.org': [key.record], '_dmarc.example.org': ['v=DMARC1; p=reject'] } }),
    });
    admin = await desk.user({ admin: true });
    projectId = (await desk.project(admin, { path: 'imap-verdicts' })).id;
    address = (await desk.request(admin.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
    await desk.startReceiver();
  });
  after(() => desk?.close());

  const stored = (messageId: string) =>
    desk.waitFor(`${messageId} processed`, async () => {
      await desk.settle();
      const row = await desk.ctx.db.db.selectFrom('inbound_messages').selectAll().where('message_id', '=', messageId).executeTakeFirst();
      return row && row.state !== 'received' ? { ...row, authentication: JSON.parse(row.authentication ?? 'null') } : undefined;
    });
  const stamp = (verdict: string) => `Authentication-Results: ${PROVIDER}; ${verdict}`;

  it("believes the provider's header, and refuses a forged References reply to the bare mailbox that it calls a DMARC failure", async () => {
    desk.dovecot.deliver(
      DESK_ACCOUNT,
      rawMail({
        to: address,
        from: 'erin@example.org',
        subject: 'Backup failed',
        messageId: '<backup@example.org>',
        headers: [stamp('dkim=pass; spf=pass; dmarc=pass')],
      }),
    );
    const opened = await stored('<backup@example.org>');
    assert.deepEqual(opened.authentication, { dkim: 'pass', spf: 'pass', dmarc: 'pass', source: 'trusted_relay', domain: 'example.org', dmarc_policy: null });
    const thanks = (await desk.sink.waitFor(1)).find((m) => m.envelopeTo[0] === 'erin@example.org')!;
    const replyRef = (thanks.parsed.references as string[]).find((r) => r.startsWith('<reply-'))!;

    // The provider put its verdict on top; the forger's own claim of a pass lies below it.
    const forgedHeaders = [
      stamp('dkim=none; spf=fail; dmarc=fail (p=REJECT) header.from=example.org'),
      stamp('dkim=pass; spf=pass; dmarc=pass'),
      `References: ${replyRef}`,
    ];
    desk.dovecot.deliver(
      DESK_ACCOUNT,
      rawMail({ to: DESK_ACCOUNT, from: 'erin@example.org', subject: 'Re: Backup failed', messageId: '<forged@example.org>', headers: forgedHeaders }),
    );
    const forged = await stored('<forged@example.org>');
    assert.equal(forged.state, 'ignored');
    assert.match(forged.reason ?? '', /^unauthenticated_reply: From example\.org fails DMARC \(p=reject\); References alone/);
    assert.equal(forged.ticket_id, opened.ticket_id, 'kept with the ticket it aimed at');

    const genuineHeaders = [stamp('dkim=pass header.d=example.org; spf=pass; dmarc=pass header.from=example.org'), `References: ${replyRef}`];
    desk.dovecot.deliver(
      DESK_ACCOUNT,
      rawMail({ to: DESK_ACCOUNT, from: 'erin@example.org', subject: 'Re: Backup failed', messageId: '<genuine@example.org>', headers: genuineHeaders }),
    );
    const genuine = await stored('<genuine@example.org>');
    assert.deepEqual([genuine.state, genuine.matched_by, genuine.ticket_id], ['processed', 'references', opened.ticket_id]);
  });

  it('checks DKIM itself when the provider stamped nothing (SPF none: the mailbox is not the sender)', async () => {
    const unsigned = rawMail({ to: address, from: 'frank@example.org', subject: 'Unstamped', messageId: '<unstamped@example.org>' });
    desk.dovecot.deliver(DESK_ACCOUNT, unsigned);
    const message = await stored('<unstamped@example.org>');
    assert.deepEqual(message.authentication, { dkim: 'none', spf: 'none', dmarc: 'fail', source: 'postdesk', domain: 'example.org', dmarc_policy: 'reject' });
    assert.equal(message.state, 'processed', 'a new ticket all the same: only threading and automatic mail are refused');

    const signer = nodemailer.createTransport({
      streamTransport: true,
      buffer: true,
      dkim: { domainName: 'example.org', keySelector: 's1', privateKey: key.privatePem },
    });
    const signed = await signer.sendMail({
      from: 'frank@example.org',
      to: address,
      subject: 'Signed',
      text: 'Signed by example.org.',
      messageId: '<signed@example.org>',
    });
    desk.dovecot.deliver(DESK_ACCOUNT, (signed.message as Buffer).toString('latin1'));
    const verified = await stored('<signed@example.org>');
    assert.deepEqual(verified.authentication, { dkim: 'pass', spf: 'none', dmarc: 'pass', source: 'postdesk', domain: 'example.org', dmarc_policy: 'reject' });
  });
});
