import assert from 'node:assert/strict';
import { it } from 'node:test';
import { contentSha256 } from './content-sha256.ts';
import { parseMessage } from './parse.ts';

const mail = (lines: string[], body = 'Hello,\r\nmy printer is on fire.\r\n') => Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`);
const writer = [
  'From: Ann <ann@example.com>',
  'To: desk@example.test',
  'Subject: Printer',
  'Date: Mon, 30 Nov 2026 10:00:00 +0000',
  'Message-ID: <a@example.com>',
];
const hashOf = async (raw: Buffer) => contentSha256(raw, (await parseMessage(raw)).headers);

it('headers added in transit and line ends do not change it', async () => {
  const first = await hashOf(mail(writer));
  const transit = [
    'Received: from mx.example.com by desk.example.test; Mon, 30 Nov 2026 10:00:01 +0000',
    'Return-Path: <ann@example.com>',
    'Delivered-To: desk@example.test',
    'X-Original-To: desk@example.test',
    'Authentication-Results: mx.example.test; dkim=pass',
    'ARC-Seal: i=1; a=rsa-sha256; cv=none; d=example.com; s=a; b=xyz',
    'DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=a; b=abc',
  ];
  assert.equal(await hashOf(mail([...transit, ...writer])), first, 'transit headers');
  assert.equal(await hashOf(Buffer.from(mail(writer).toString().replaceAll('\r\n', '\n'))), first, 'LF line ends');
});

it('a different body, From, To, Cc, Subject or Date changes it', async () => {
  const first = await hashOf(mail(writer));
  const changed = [
    mail(writer, 'Another text.\r\n'),
    mail(writer.map((l) => l.replace('Ann <ann@', 'Bob <bob@'))),
    mail(writer.map((l) => l.replace('To: desk@', 'To: other@'))),
    mail([...writer, 'Cc: carol@example.com']),
    mail(writer.map((l) => l.replace('Printer', 'Scanner'))),
    mail(writer.map((l) => l.replace('10:00:00', '11:00:00'))),
  ];
  for (const raw of changed) assert.notEqual(await hashOf(raw), first, raw.toString());
});

it('is the same for the mail in pieces, wherever they are cut (a large mail is read in 1 MiB pieces)', async () => {
  for (const raw of [mail(writer), mail(writer, 'Hello\r\n\r\n\r\n'), Buffer.from(mail(writer).toString().replaceAll('\r\n', '\n'))]) {
    const { headers } = await parseMessage(raw);
    const whole = contentSha256(raw, headers);
    for (let cut = 0; cut <= raw.length; cut++) {
      assert.equal(contentSha256([raw.subarray(0, cut), raw.subarray(cut)], headers), whole, `cut at ${cut}`);
      const second = Math.min(raw.length, cut + 3);
      assert.equal(contentSha256([raw.subarray(0, cut), raw.subarray(cut, second), raw.subarray(second)], headers), whole, `cut at ${cut} and ${second}`);
    }
  }
});
