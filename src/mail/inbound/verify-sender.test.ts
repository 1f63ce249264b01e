// Postdesk's own DKIM / SPF / DMARC check with mailauth, against fixed DNS records. Signed mail is made by
// nodemailer's DKIM signer, an implementation independent of ours (mail/outbound/dkim-sign.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { dkimKeyPair, fixedDns } from '../../../test/helpers/dns.ts';
import { boundedCachedResolver } from '../dns-resolver.ts';
import { verifySender } from './verify-sender.ts';

const customer = dkimKeyPair();
const list = dkimKeyPair();
const zone = {
  txt: {
    's1._domainkey.example.com': [customer.record],
    'lists._domainkey.list.example.net': [list.record],
    'example.com': ['v=spf1 ip4:192.0.2.0/24 -all'],
    '_dmarc.example.com': ['v=DMARC1; p=reject; rua=mailto:dmarc@example.com'],
    '_dmarc.relaxed.example.org': ['v=DMARC1; p=none'],
  },
};
const options = { resolver: fixedDns(zone), mta: 'desk.test' };

async function mail(from: string, signer?: { domainName: string; keySelector: string; privateKey: string }, body = 'Please help.\n'): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, ...(signer && { dkim: signer }) });
  const info = await transport.sendMail({ from, to: 'support+desk-1-issue-@desk.test', subject: 'Printer', text: body, messageId: '<m1@example.com>' });
  return info.message as Buffer;
}
const signedByCustomer = { domainName: 'example.com', keySelector: 's1', privateKey: customer.privatePem };

describe('verifying a sender ourselves (mailauth)', () => {
  it('passes DMARC through an aligned DKIM signature, with SPF none when there was no SMTP session', async () => {
    const verdict = await verifySender(await mail('Carol <carol@example.com>', signedByCustomer), null, options);
    assert.deepEqual(verdict, { dkim: 'pass', spf: 'none', dmarc: 'pass', domain: 'example.com', dmarc_policy: 'reject' });
  });

  it('fails DMARC for an unsigned mail from a p=reject domain', async () => {
    const verdict = await verifySender(await mail('carol@example.com'), null, options);
    assert.deepEqual(verdict, { dkim: 'none', spf: 'none', dmarc: 'fail', domain: 'example.com', dmarc_policy: 'reject' });
  });

  it('checks SPF from the SMTP session: an allowed client passes DMARC by SPF alignment, another one fails both', async () => {
    const raw = await mail('carol@example.com');
    const allowed = await verifySender(raw, { ip: '192.0.2.10', helo: 'mx.example.com', mailFrom: 'bounces@example.com' }, options);
    assert.deepEqual([allowed.spf, allowed.dmarc], ['pass', 'pass']);
    const stranger = await verifySender(raw, { ip: '203.0.113.5', helo: 'evil.example', mailFrom: 'carol@example.com' }, options);
    assert.deepEqual([stranger.spf, stranger.dmarc, stranger.dmarc_policy], ['fail', 'fail', 'reject']);
    const bounce = await verifySender(raw, { ip: '203.0.113.5', helo: null, mailFrom: '' }, options);
    assert.equal(bounce.spf, 'none', 'a null reverse-path without HELO names no domain to check');
  });

  it("does not count a mailing list's valid signature for the author's domain", async () => {
    const verdict = await verifySender(
      await mail('carol@example.com', { domainName: 'list.example.net', keySelector: 'lists', privateKey: list.privatePem }),
      null,
      options,
    );
    assert.deepEqual([verdict.dkim, verdict.dmarc], ['pass', 'fail']);
  });

  it('does not pass a signature whose body was changed after signing', async () => {
    const raw = (await mail('carol@example.com', signedByCustomer)).toString('latin1').replace('Please help.', 'Please wire 5000 EUR.');
    const verdict = await verifySender(Buffer.from(raw, 'latin1'), null, options);
    assert.notEqual(verdict.dkim, 'pass');
    assert.equal(verdict.dmarc, 'fail');
  });

  it('fails when any of several From domains fails, so a second From cannot hide a forgery', async () => {
    // The forger signs with its own domain (which passes) and names the victim as a second author.
    const signedByForger = { domainName: 'list.example.net', keySelector: 'lists', privateKey: list.privatePem };
    const raw = await mail('x@list.example.net, carol@example.com', signedByForger);
    const verdict = await verifySender(raw, null, options);
    assert.deepEqual([verdict.dkim, verdict.dmarc, verdict.dmarc_policy, verdict.domain], ['pass', 'fail', 'reject', 'list.example.net']);
  });

  it('reports a failure under p=none, DNS trouble as temperror, and no From as none', async () => {
    const relaxed = await verifySender(await mail('x@relaxed.example.org'), null, options);
    assert.deepEqual([relaxed.dmarc, relaxed.dmarc_policy], ['fail', 'none']);
    const slow = { resolver: boundedCachedResolver(fixedDns({ hang: ['_dmarc.example.com'] }), { timeoutMs: 20 }), mta: 'desk.test' };
    const timedOut = await verifySender(await mail('carol@example.com'), null, slow);
    assert.equal(timedOut.dmarc, 'temperror');
    const anonymous = await verifySender(Buffer.from('To: a@desk.test\r\nSubject: hi\r\n\r\nhello\r\n'), null, options);
    assert.deepEqual([anonymous.dmarc, anonymous.domain], ['none', null]);
  });
});
