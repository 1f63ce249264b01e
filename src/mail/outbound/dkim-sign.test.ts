// Our DKIM signatures, checked by an independent verifier (mailauth) against the matching public key.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dkimVerify } from 'mailauth';
import MailComposer from 'nodemailer/lib/mail-composer';
import { dkimKeyPair, fixedDns } from '../../../test/helpers/dns.ts';
import { createDkimSigner } from './dkim-sign.ts';

const rsa = dkimKeyPair('rsa');
const ed = dkimKeyPair('ed25519');
const resolver = fixedDns({ txt: { 'pd._domainkey.desk.example.com': [rsa.record], 'ed._domainkey.desk.example.com': [ed.record] } });
const rsaSigner = createDkimSigner({ domain: 'desk.example.com', selector: 'pd', key: rsa.privateKey, algorithm: 'rsa-sha256' });
const edSigner = createDkimSigner({ domain: 'desk.example.com', selector: 'ed', key: ed.privateKey, algorithm: 'ed25519-sha256' });

async function composed(): Promise<string> {
  const composer = new MailComposer({
    from: '"Acme Support" <support@desk.example.com>',
    to: 'carol@example.com',
    replyTo: 'support+0123456789abcdef0123456789abcdef@desk.example.com',
    subject: 'Re: Ihr Drucker brennt — ticket #12, with a subject long enough that it is folded over more than one header line',
    messageId: '<abc@desk.example.com>',
    references: '<orig@example.com> <ticket-12@desk.example.com>',
    date: new Date('2026-01-02T03:04:05Z'),
    text: 'Trailing spaces   \nand  inner   runs\n\n\n',
    html: '<p>Hello</p>',
    headers: {
      'Auto-Submitted': 'auto-generated',
      'List-Unsubscribe': '<https://desk.example.com/-/unsubscribe/k>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    attachments: [{ filename: 'invoice.pdf', content: Buffer.alloc(3000, 7), contentType: 'application/pdf' }],
  });
  return (await composer.compile().build()).toString('utf8');
}

async function verify(raw: string) {
  const { results } = await dkimVerify(Buffer.from(raw, 'latin1'), { resolver });
  return results[0]!;
}

describe('DKIM signing of outgoing mail', () => {
  it('signs with d= and s= so that a verifier passes it, RSA and Ed25519 alike', async () => {
    const message = await composed();
    const signed = await rsaSigner.sign(message, new Date());
    assert.ok(signed.startsWith('DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=desk.example.com; s=pd; t='), signed.slice(0, 120));
    // nodemailer writes 7bit text parts with bare LFs; SMTP sends CRLF, so the signer signs (and returns) that.
    assert.ok(signed.endsWith(message.replace(/\r?\n/g, '\r\n')), 'the message itself is unchanged behind the signature, but for line ends');
    const rsaResult = await verify(signed);
    assert.deepEqual([rsaResult.status.result, rsaResult.signingDomain, rsaResult.selector], ['pass', 'desk.example.com', 'pd']);
    const h = /h=([^;]+);/.exec(signed)![1]!;
    for (const name of ['from', 'subject', 'list-unsubscribe', 'list-unsubscribe-post', 'references'])
      assert.ok(h.split(':').includes(name), `h= signs ${name}`);
    assert.equal((await verify(await edSigner.sign(message, new Date()))).status.result, 'pass');
  });

  it('signs what is sent: lone LFs become CRLF first', async () => {
    const signed = await rsaSigner.sign((await composed()).replace(/\r\n/g, '\n'), new Date());
    assert.ok(!/[^\r]\n/.test(signed), 'every line ends with CRLF');
    assert.equal((await verify(signed)).status.result, 'pass');
  });

  it('breaks when the body, a signed header, or an added From changes the mail', async () => {
    const signed = await rsaSigner.sign(await composed(), new Date());
    assert.notEqual((await verify(signed.replace('and  inner', 'and outer'))).status.result, 'pass');
    assert.equal((await verify(signed.replace('To: carol@example.com', 'To: mallory@example.com'))).status.result, 'fail');
    // From is oversigned: a second From (which a reader's client might show) is not covered, so it fails.
    const withSecondFrom = signed.replace('\r\nFrom: ', '\r\nFrom: ceo@desk.example.com\r\nFrom: ');
    assert.equal((await verify(withSecondFrom)).status.result, 'fail');
  });
});
