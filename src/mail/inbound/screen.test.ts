// screenMessage: machine-made mail (RFC 3834 auto-replies, RFC 3464 bounces) is ignored, never answered;
// everything a person wrote is accepted. Hand-built headers for each rule, then the whole corpus as a table.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CORPORA, corpusSkip } from '../../../test/helpers/corpora.ts';
import { parseMessage } from './parse.ts';
import { screenMessage } from './screen.ts';

const skip = corpusSkip('screen.test.ts', 'gitlab_emails', 'mailparser_fixtures/fixtures');
const present = skip === false;
const GITLAB = join(CORPORA, 'gitlab_emails');
const MAILPARSER = join(CORPORA, 'mailparser_fixtures/fixtures');

/** A plain mail from a person, with extra header lines placed before the body. */
const mail = (extraHeaders: string[], from = 'Customer <customer@example.com>') =>
  parseMessage(
    Buffer.from(
      [`From: ${from}`, 'To: support+grp-app-1-issue-@example.com', 'Subject: Help', 'Message-ID: <m1@example.com>', ...extraHeaders, '', 'Hello.', ''].join(
        '\r\n',
      ),
    ),
  );
const verdict = async (extraHeaders: string[], from?: string) => screenMessage(await mail(extraHeaders, from));

describe('Auto-Submitted (SD-19, SD-22)', () => {
  for (const value of ['auto-replied', 'auto-generated', 'auto-notified', 'yes', '']) {
    it(`ignores Auto-Submitted: ${JSON.stringify(value)}`, async () => {
      const result = await verdict([`Auto-Submitted: ${value}`]);
      assert.equal(result.kind, 'ignore');
      assert.equal(result.kind === 'ignore' && result.reason, 'auto_submitted');
    });
  }

  it('accepts Auto-Submitted: no, the value trimmed', async () => {
    assert.deepEqual(await verdict(['Auto-Submitted: no']), { kind: 'accept' });
    assert.deepEqual(await verdict(['Auto-Submitted:    no   ']), { kind: 'accept' });
    assert.deepEqual(await verdict(['Auto-Submitted:\r\n no']), { kind: 'accept' });
    // RFC 3834 keywords are case-insensitive; GitLab compares exactly and would drop a human's `No` (SD-19).
    assert.deepEqual(await verdict(['Auto-Submitted: No']), { kind: 'accept' });
  });

  it('reads the header name case-insensitively', async () => {
    for (const name of ['AUTO-SUBMITTED', 'auto-submitted', 'Auto-submitted']) {
      const result = await verdict([`${name}: auto-replied`]);
      assert.deepEqual(result, { kind: 'ignore', reason: 'auto_submitted', detail: 'Auto-Submitted: auto-replied' });
    }
  });

  it('ignores our own mail coming back (it carries Auto-Submitted: auto-generated)', async () => {
    const result = await verdict(['Auto-Submitted: auto-generated', 'X-Auto-Response-Suppress: All']);
    assert.equal(result.kind === 'ignore' && result.reason, 'auto_submitted');
  });
});

describe('X-Autoreply (SD-20) and Precedence (SD-21)', () => {
  it('ignores X-Autoreply: yes, accepts X-Autoreply: no', async () => {
    assert.deepEqual(await verdict(['X-Autoreply: yes']), { kind: 'ignore', reason: 'auto_reply', detail: 'X-Autoreply: yes' });
    assert.deepEqual(await verdict(['x-autoreply:  yes ']), { kind: 'ignore', reason: 'auto_reply', detail: 'X-Autoreply: yes' });
    assert.deepEqual(await verdict(['X-Autoreply: no']), { kind: 'accept' });
  });

  it('ignores Precedence: auto_reply as an auto-reply', async () => {
    const result = await verdict(['Precedence: Auto_Reply']);
    assert.equal(result.kind === 'ignore' && result.reason, 'auto_reply');
  });

  it('ignores Precedence: bulk, junk and list as mass mail (beyond GitLab, which answers newsletters: SD-21)', async () => {
    for (const value of ['bulk', 'Junk', ' list ']) {
      assert.deepEqual(await verdict([`Precedence: ${value}`]), { kind: 'ignore', reason: 'bulk', detail: `Precedence: ${value.trim().toLowerCase()}` });
    }
    assert.deepEqual(await verdict(['Precedence: first-class']), { kind: 'accept' });
  });
});

describe('spam marks, empty return paths, no sender, our own addresses', () => {
  it('ignores what a spam filter marked: X-Spam-Flag: YES, X-Spam-Status: Yes', async () => {
    assert.deepEqual(await verdict(['X-Spam-Flag: YES']), { kind: 'ignore', reason: 'spam', detail: 'X-Spam-Flag: YES' });
    assert.deepEqual(await verdict(['X-Spam-Status: Yes, score=9.1 required=5.0']), { kind: 'ignore', reason: 'spam', detail: 'X-Spam-Status: Yes' });
    assert.deepEqual(await verdict(['X-Spam-Flag: NO', 'X-Spam-Status: No, score=0.3 required=5.0']), { kind: 'accept' });
  });

  it('ignores a null reverse-path, from the envelope or a Return-Path header; a missing one is not empty', async () => {
    const message = await mail([]);
    assert.deepEqual(screenMessage(message, { envelopeFrom: '' }), { kind: 'ignore', reason: 'bounce', detail: 'an empty return path (MAIL FROM:<>)' });
    assert.deepEqual(screenMessage(message, { envelopeFrom: null }), { kind: 'accept' });
    assert.deepEqual(screenMessage(message, { envelopeFrom: 'customer@example.com' }), { kind: 'accept' });
    assert.deepEqual(await verdict(['Return-Path: < >']), { kind: 'ignore', reason: 'bounce', detail: 'an empty return path (Return-Path: <>)' });
    assert.deepEqual(await verdict(['Return-Path: <customer@example.com>']), { kind: 'accept' });
  });

  it('ignores a mail with no usable sender address', async () => {
    for (const from of ['<FROM>', 'Just A Name', '']) {
      const result = await verdict([], from);
      assert.equal(result.kind === 'ignore' && result.reason, 'no_sender', `From: ${from}`);
    }
    const noFrom = await parseMessage(Buffer.from('To: support@example.com\r\nSubject: x\r\n\r\n\u0000\u0001random bytes\r\n'));
    const verdictOfNoFrom = screenMessage(noFrom);
    assert.equal(verdictOfNoFrom.kind === 'ignore' && verdictOfNoFrom.reason, 'no_sender');
    // Reply-To or Sender stands in for a missing From.
    assert.deepEqual(await verdict(['Reply-To: customer@example.com'], 'Just A Name'), { kind: 'accept' });
  });

  it('ignores mail from an address of this Postdesk (a loop in the making)', async () => {
    const isOwnAddress = (address: string) => address.toLowerCase() === 'support@desk.example' || address.startsWith('support+');
    const ours = await mail([], 'Support <SUPPORT@desk.example>');
    assert.deepEqual(screenMessage(ours, { isOwnAddress }), {
      kind: 'ignore',
      reason: 'own_address',
      detail: 'from support@desk.example, an address of this Postdesk',
    });
    assert.equal(screenMessage(await mail(['Reply-To: support+abc@desk.example']), { isOwnAddress }).kind, 'ignore');
    assert.deepEqual(screenMessage(await mail([]), { isOwnAddress }), { kind: 'accept' });
  });
});

describe('bounces (RFC 3464)', () => {
  it('ignores a multipart/report from an ordinary-looking sender', async () => {
    const message = await parseMessage(
      Buffer.from(
        [
          'From: Mail System <notices@relay.example.net>',
          'To: support@example.com',
          'Subject: Undeliverable',
          'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
          '',
          '--r',
          'Content-Type: text/plain',
          '',
          'Your message could not be delivered.',
          '--r',
          'Content-Type: message/delivery-status',
          '',
          'Reporting-MTA: dns; relay.example.net',
          '',
          'Final-Recipient: rfc822; gone@example.org',
          'Action: failed',
          'Status: 5.1.1',
          '--r--',
          '',
        ].join('\r\n'),
      ),
    );
    assert.deepEqual(screenMessage(message), { kind: 'ignore', reason: 'bounce', detail: 'a delivery report (multipart/report)' });
  });

  for (const from of ['MAILER-DAEMON@mx.example.net', 'mailer-daemon@example.org', 'Mail Delivery System <postmaster@example.com>']) {
    it(`ignores a plain mail from ${from}`, async () => {
      const result = await verdict([], from);
      assert.equal(result.kind === 'ignore' && result.reason, 'bounce');
    });
  }

  it('accepts senders that only look a little like a daemon', async () => {
    assert.deepEqual(await verdict([], 'not-mailer-daemon@example.com'), { kind: 'accept' });
    assert.deepEqual(await verdict([], 'postmaster.team@example.com'), { kind: 'accept' });
  });

  it('ignores the Amazon SES bounce of the mailparser corpus', { skip }, async () => {
    const message = await parseMessage(readFileSync(join(MAILPARSER, 'delivery-status.eml')));
    assert.equal(message.from, 'MAILER-DAEMON@amazonses.com');
    assert.deepEqual(screenMessage(message), { kind: 'ignore', reason: 'bounce', detail: 'a delivery report (multipart/report)' });
  });
});

describe('the corpus as a table', () => {
  // The machine-made mails in the corpora (GitLab's auto-reply, mailparser's SES bounce, a list mail) and those
  // with no one to answer.
  const expectedIgnored: Record<string, string> = {
    'gitlab_emails/auto_reply.eml': 'auto_submitted',
    // `From: Anakin Skywalker <FROM>`: a placeholder with no address, so no one to answer.
    'gitlab_emails/attachment.eml': 'no_sender',
    // A Launchpad bug mail through a mailing list: `Precedence: bulk`.
    'mailparser_fixtures/fixtures/large_text.eml': 'bulk',
    // Headers but Content-Type only: no sender at all.
    'mailparser_fixtures/fixtures/mixed.eml': 'no_sender',
    'mailparser_fixtures/fixtures/delivery-status.eml': 'bounce',
  };
  const files = present
    ? [GITLAB, MAILPARSER].flatMap((dir) =>
        readdirSync(dir)
          .filter((name) => name.endsWith('.eml'))
          .map((name) => join(dir, name)),
      )
    : [];

  it('has mails to screen', { skip }, () => assert.ok(files.length >= 86, `${files.length} files`));

  for (const path of files) {
    const key = path.slice(CORPORA.length + 1);
    const expected = expectedIgnored[key];
    it(`${key} → ${expected ? `ignore (${expected})` : 'accept'}`, { skip }, async () => {
      const result = screenMessage(await parseMessage(readFileSync(path)));
      if (expected) assert.equal(result.kind === 'ignore' && result.reason, expected);
      else assert.deepEqual(result, { kind: 'accept' });
    });
  }

  it('accepts the custom-address verification mail, which says Auto-Submitted: no on purpose (SD-22)', { skip }, async () => {
    const message = await parseMessage(readFileSync(join(GITLAB, 'service_desk_custom_email_address_verification.eml')));
    assert.ok(
      message.headers.some((h) => h.name === 'auto-submitted' && h.value === 'no'),
      "message.headers.some((h) => h.name === 'auto-submitted' && h.value === 'no')",
    );
    assert.deepEqual(screenMessage(message), { kind: 'accept' });
  });
});
