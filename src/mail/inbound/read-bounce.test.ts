import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CORPORA, corpusSkip } from '../../../test/helpers/corpora.ts';
import { parseMessage } from './parse.ts';
import { readBounce } from './read-bounce.ts';

const skip = corpusSkip('read-bounce.test.ts', 'mailparser_fixtures/fixtures');

const dsn = (action: string, status: string) =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@mx.client.test>',
    'To: support+bounce-12-0123456789abcdef@desk.test',
    'Subject: Undelivered Mail Returned to Sender',
    'Auto-Submitted: auto-replied',
    'Message-ID: <dsn-1@mx.client.test>',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'I could not deliver your message.',
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.client.test',
    '',
    'Final-Recipient: rfc822; gone@client.test',
    'Original-Recipient: rfc822;gone@client.test',
    `Action: ${action}`,
    `Status: ${status}`,
    'Diagnostic-Code: smtp; 550 5.1.1 <gone@client.test>: Recipient address rejected:',
    '    User unknown in local recipient table',
    '--b',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Support <noreply@desk.test>',
    'To: gone@client.test',
    'Subject: Re: Printer (#4)',
    'Message-ID: <abc123@desk.test>',
    '--b--',
    '',
  ].join('\r\n');

const read = async (raw: string, envelopeFrom: string | null = '') => readBounce(Buffer.from(raw), await parseMessage(Buffer.from(raw)), envelopeFrom);

describe('readBounce', () => {
  it('reads a Postfix-style DSN: failed, for whom, why, and which mail of ours', async () => {
    assert.deepEqual(await read(dsn('failed', '5.1.1')), {
      outcome: 'failed',
      recipient: 'gone@client.test',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <gone@client.test>: Recipient address rejected: User unknown in local recipient table',
      originalMessageId: '<abc123@desk.test>',
    });
  });

  it('carries no NUL byte into what it reads (PostgreSQL refuses them, even as a query parameter)', async () => {
    const raw = dsn('failed', '5.1.1').replace('User unknown', 'User\u0000unknown').replace('<abc123@desk.test>', '<abc\u0000123@desk.test>');
    const report = await read(raw);
    assert.equal(report.originalMessageId, '<abc123@desk.test>');
    assert.ok(!JSON.stringify(report).includes('\\u0000'), JSON.stringify(report));
  });

  it('tells a delay from a failure', async () => {
    assert.equal((await read(dsn('delayed', '4.4.1'))).outcome, 'delayed');
  });

  it('reads the Amazon SES bounce of the mailparser corpus', { skip }, async () => {
    const raw = readFileSync(join(CORPORA, 'mailparser_fixtures/fixtures/delivery-status.eml'));
    const report = readBounce(raw, await parseMessage(raw), null);
    assert.equal(report.outcome, 'failed');
    assert.equal(report.recipient, 'xxxx@xxxx.com');
    assert.match(report.originalMessageId ?? '', /^<xxxxx@email\.ama/);
  });

  it('takes a plain-text bounce from a mailer daemon as failed', async () => {
    const raw =
      'From: MAILER-DAEMON@old.client.test\r\nTo: support+bounce-1-0123456789abcdef@desk.test\r\nSubject: failure notice\r\n\r\nSorry, I could not deliver to <gone@client.test>.\r\n';
    const report = await read(raw, null);
    assert.equal(report.outcome, 'failed');
    assert.equal(report.diagnostic, 'Sorry, I could not deliver to <gone@client.test>.');
  });

  it('does not take an out-of-office reply to the return path for a bounce', async () => {
    const raw =
      'From: person@client.test\r\nTo: support+bounce-1-0123456789abcdef@desk.test\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\n\r\nBack on Monday.\r\n';
    assert.equal((await read(raw, 'person@client.test')).outcome, 'none');
  });
});
