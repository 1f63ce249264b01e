// parseMessage over every real mail in the shared corpora (never throws, bounded time), and what the later
// stages rely on: decoded subjects and bodies (SD-29, SD-46), attachments without S/MIME signatures (SD-51),
// References as a comma-joined string (SD-16), and the From / Reply-To / Sender trio (SD-30).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CORPORA, corpusSkip } from '../../../test/helpers/corpora.ts';
import { piecesOf } from '../../db/pieces.ts';
import { messageIds, parseMessage, sanitiseFilename } from './parse.ts';
import { addressesIn } from './parsed-message.ts';

const skip = corpusSkip('parse.test.ts', 'gitlab_emails', 'mailparser_fixtures/fixtures');
const present = skip === false;
const GITLAB = join(CORPORA, 'gitlab_emails');
const MAILPARSER = join(CORPORA, 'mailparser_fixtures/fixtures');
const emlIn = (dir: string) =>
  present
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.eml'))
        .sort()
    : [];
const gitlab = (name: string) => parseMessage(readFileSync(join(GITLAB, name)));
const mailparser = (name: string) => parseMessage(readFileSync(join(MAILPARSER, name)));
const raw = (text: string) => parseMessage(Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1'));

/** Generous: the biggest corpus files (about 1 MB) take well under a second; this only catches a hang. */
const SAFETY_BOUND_MS = 5000;

describe('every corpus mail parses without throwing, in bounded time', () => {
  for (const [dir, label, atLeast] of [
    [GITLAB, 'gitlab_emails', 76],
    [MAILPARSER, 'mailparser_fixtures', 10],
  ] as const) {
    const files = emlIn(dir);
    it(`${label} holds the ${atLeast} messages the README announces`, { skip }, () => {
      assert.ok(files.length >= atLeast, `${files.length} .eml files in ${dir}`);
    });
    for (const name of files) {
      it(`${label}/${name}`, { skip }, async () => {
        const before = process.cpuUsage();
        const message = await parseMessage(readFileSync(join(dir, name)));
        const used = process.cpuUsage(before);
        assert.ok(used.user + used.system < SAFETY_BOUND_MS * 1000, `${name} took ${Math.round((used.user + used.system) / 1000)} ms of CPU`);
        assert.ok(Array.isArray(message.headers) && message.headers.length > 0, 'headers are read');
        for (const header of message.headers) assert.equal(header.name, header.name.toLowerCase());
        assert.ok(
          Array.isArray(message.to) && Array.isArray(message.cc) && Array.isArray(message.attachments),
          'Array.isArray(message.to) && Array.isArray(message.cc) && Array.isArray(message.attachments)',
        );
      });
    }
  }

  it('every GitLab fixture keeps its header block, even the seven that start with a blank line', { skip }, async () => {
    // dutch, html_empty_link, html_paragraphs, inline_reply, on_wrote, outlook and outlook_html are byte-exact
    // upstream copies whose first line is empty; GitLab's Mail gem strips it. Without that, every header
    // (From, To, Subject…) became body text and the mail could not be routed at all.
    for (const name of emlIn(GITLAB)) {
      const message = await gitlab(name);
      assert.ok(
        message.headers.some((h) => h.name === 'from'),
        `${name} has a From header`,
      );
      assert.doesNotMatch(message.text ?? '', /^(MIME-Version|Delivered-To|Received):/, `${name}: headers leaked into the body`);
    }
    const dutch = await gitlab('dutch.eml');
    assert.equal(dutch.from, 'walter.white@googlemail.com');
    assert.deepEqual(dutch.to, ['reply+cd480e301683c9902891f15968bf07a5@appmail.adventuretime.ooo']);
    assert.equal(dutch.subject, "Re: [Discourse] new reply to your post in 'Crystal Blue'");
  });

  it('empty input and binary garbage give an empty message rather than an error (SD-23)', async () => {
    const empty = await parseMessage(Buffer.alloc(0));
    assert.equal(empty.from, null);
    assert.deepEqual(empty.to, []);
    const garbage = await parseMessage(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    assert.deepEqual(garbage.attachments, []);
  });
});

describe('charsets (SD-29, SD-46)', () => {
  it('decodes an iso-8859-2 RFC 2047 subject and base64 body readably', { skip }, async () => {
    const message = await gitlab('service_desk_encoding.eml');
    assert.equal(message.subject, 'Testing encoding iso-8859-2 ťžščľžťťč');
    assert.equal(message.text?.trim(), 'Body of encoding iso-8859-2 test: ťžščľžťťč');
    assert.match(message.html ?? '', /Body of encoding iso-8859-2 test: ťžščľžťťč/);
  });

  it('decodes the raw Shift_JIS body of service_desk_reply_illegal_utf8.eml', { skip }, async () => {
    const message = await gitlab('service_desk_reply_illegal_utf8.eml');
    assert.match(message.text ?? '', /^Service desk reply!\nピーター・ジョーンズ\n/);
    assert.ok(!message.text?.includes('\uFFFD'), 'no replacement characters');
  });

  it('does not throw on bytes that are not valid in the declared UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from('From: a@example.com\r\nSubject: bad bytes\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbefore '),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]),
      Buffer.from(' after\r\n'),
    ]);
    const message = await parseMessage(bytes);
    assert.match(message.text ?? '', /^before .* after/s);
  });

  it('decodes RFC 2047 subjects and RFC 2231 file names (mailparser fixture)', { skip }, async () => {
    const message = await mailparser('nodemailer.eml');
    assert.equal(message.subject, 'Nodemailer is unicode friendly ✔ (1476358788189)');
    assert.ok(
      message.attachments.some((a) => a.filename === 'nyan cat ✔.gif'),
      "message.attachments.some((a) => a.filename === 'nyan cat ✔.gif')",
    );
  });
});

describe('attachments (SD-51)', () => {
  it('yields the PNG of attachment.eml with its file name and bytes', { skip }, async () => {
    const message = await gitlab('attachment.eml');
    assert.equal(message.attachments.length, 1);
    const [png] = message.attachments;
    assert.equal(png!.filename, 'bricks.png');
    assert.equal(png!.contentType, 'image/png');
    assert.equal(png!.inline, false);
    assert.deepEqual([...Buffer.concat(piecesOf(png!.content)).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  for (const name of ['valid_reply_signed_smime.eml', 'valid_reply_signed_smime_mixed_protocol_prefix.eml']) {
    it(`drops the S/MIME signature of ${name} and keeps the real attachment`, { skip }, async () => {
      const message = await gitlab(name);
      assert.match(message.contentType, /^multipart\/signed/);
      assert.deepEqual(
        message.attachments.map((a) => [a.filename, a.contentType]),
        [['gitlab_logo.png', 'image/png']],
      );
      assert.match(message.text ?? '', /^Me too, with an attachment/);
    });
  }

  it('drops a PGP/MIME signature part too', async () => {
    const message = await raw(
      [
        'From: a@example.com',
        'Content-Type: multipart/signed; protocol="application/pgp-signature"; micalg=pgp-sha256; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'signed words',
        '--b1',
        'Content-Type: application/pgp-signature; name="signature.asc"',
        'Content-Disposition: attachment; filename="signature.asc"',
        '',
        '-----BEGIN PGP SIGNATURE-----',
        'iQEzBAEBCAAdFiEE',
        '-----END PGP SIGNATURE-----',
        '--b1--',
        '',
      ].join('\n'),
    );
    assert.equal(message.text?.trim(), 'signed words');
    assert.deepEqual(message.attachments, []);
  });

  it('marks cid-referenced images as inline and keeps their content id without brackets', { skip }, async () => {
    const message = await mailparser('nodemailer.eml');
    const image = message.attachments.find((a) => a.filename === 'image.png');
    assert.equal(image?.inline, true);
    assert.equal(image?.contentId, 'note@example.com');
    assert.equal(message.attachments.find((a) => a.filename === 'notes.txt')?.inline, false);
  });

  it('treats an image that is the whole message as its one attachment', { skip }, async () => {
    const message = await mailparser('base64encodedroot.eml');
    assert.equal(message.contentType, 'image/png');
    assert.deepEqual(
      message.attachments.map((a) => a.filename),
      ['screenshot.png'],
    );
  });

  it('sanitises file names: no path, no control characters, never empty', () => {
    assert.equal(sanitiseFilename('../../etc/passwd', 'text/plain', 0), 'passwd');
    assert.equal(sanitiseFilename('C:\\Users\\x\\evil.exe', 'application/octet-stream', 0), 'evil.exe');
    assert.equal(sanitiseFilename('a\u0000b\u001f"c".txt', 'text/plain', 0), 'abc.txt');
    assert.equal(sanitiseFilename(undefined, 'image/png', 2), 'attachment-3.png');
    assert.equal(sanitiseFilename('..', 'application/pdf', 0), 'attachment-1.pdf');
    assert.equal(sanitiseFilename('   ', 'weird/+++', 0), 'attachment-1.bin');
    assert.equal(sanitiseFilename(`${'x'.repeat(300)}.txt`, 'text/plain', 0).length, 200);
  });
});

describe('threading headers (SD-16, SD-55)', () => {
  it('reads the ids of a References header sent as one quoted, comma-joined string', { skip }, async () => {
    const message = await gitlab('valid_reply_with_references_in_comma.eml');
    assert.deepEqual(message.references, ['<reply-59d8df8370b7e95c5a49fbf86aeb2c93@localhost>', '<issue_1@localhost>', '<exchange@microsoft.com>']);
    assert.deepEqual(message.inReplyTo, ['<issue_1@localhost>']);
  });

  it('reads a References header that mixes spaces and commas', { skip }, async () => {
    const message = await gitlab('reply_without_subaddressing_and_key_inside_references_with_a_comma.eml');
    assert.deepEqual(message.references, ['<reply-59d8df8370b7e95c5a49fbf86aeb2c93@localhost>', '<issue_1@localhost>', '<exchange@microsoft.com>']);
  });

  it('keeps Message-ID and In-Reply-To in angle brackets, so a reply-all matches the original', { skip }, async () => {
    const original = await gitlab('service_desk.eml');
    const reply = await gitlab('service_desk_reply.eml');
    assert.equal(original.messageId, '<CADkmRc+rNGAGGbV2iE5p918UVy4UyJqVcXRO2=otppgzduJSg@mail.gmail.com>');
    assert.deepEqual(reply.inReplyTo, [original.messageId]);
  });

  it('messageIds scans <…> groups, and falls back to bare ids', () => {
    assert.deepEqual(messageIds('"<a@x>,<b@y>"'), ['<a@x>', '<b@y>']);
    assert.deepEqual(messageIds('<a@x>\r\n <b@y>,<c@z>'), ['<a@x>', '<b@y>', '<c@z>']);
    assert.deepEqual(messageIds(['<a@x>', '<b@y>']), ['<a@x>', '<b@y>']);
    assert.deepEqual(messageIds('a@x, b@y'), ['<a@x>', '<b@y>']);
    assert.deepEqual(messageIds(''), []);
    assert.deepEqual(messageIds(undefined), []);
  });
});

describe('people (SD-30, SD-47, SD-17)', () => {
  it('extracts From, Reply-To and Sender when all three are present', { skip }, async () => {
    const message = await gitlab('service_desk_reply_to_sender_and_from.eml');
    assert.equal(message.from, 'finn@adventuretime.ooo');
    assert.equal(message.replyTo, 'hooman@adventuretime.ooo');
    assert.equal(message.sender, 'jake@adventuretime.ooo');
  });

  it('extracts Reply-To before From in the header order too', { skip }, async () => {
    const message = await gitlab('service_desk_reply_to_and_from.eml');
    assert.equal(message.replyTo, 'marceline@adventuretime.ooo');
    assert.equal(message.from, 'finn@adventuretime.ooo');
    assert.equal(message.sender, 'jake@adventuretime.ooo');
  });

  it('leaves Reply-To null when only From and Sender are set', { skip }, async () => {
    const message = await gitlab('service_desk_sender_and_from.eml');
    assert.equal(message.replyTo, null);
    assert.equal(message.from, 'finn@adventuretime.ooo');
    assert.equal(message.sender, 'jake@adventuretime.ooo');
  });

  it('reads Cc addresses without display names, and the subject unchanged (SD-29)', { skip }, async () => {
    const message = await gitlab('service_desk.eml');
    assert.deepEqual(message.cc, ['cc@example.com', 'kk@example.org']);
    assert.equal(message.subject, 'The message subject! @all');
    assert.equal(message.contentType, 'text/plain');
  });

  it('reads a To folded onto the next lines with an encoded display name, and a bare <From>', { skip }, async () => {
    const message = await gitlab('windows_8_metro.eml');
    assert.deepEqual(message.to, ['reply@discourse.org']);
    assert.equal(message.from, 'walter.white@googlemail.com');
    assert.equal(message.subject, 'Re: [Discourse Meta] [Lounge] Testing default email replies');
  });

  it('gives no To when the header is only a placeholder word', { skip }, async () => {
    const message = await gitlab('valid_alert.eml'); // upstream substitutes `to_email_address` before use
    assert.deepEqual(message.to, []);
    assert.equal(message.from, 'jake@adventuretime.ooo');
  });

  it('gives the headers lower-cased and unfolded, in order', { skip }, async () => {
    const message = await gitlab('missing_delivered_to_header.eml');
    const received = message.headers.filter((h) => h.name === 'received').map((h) => h.value);
    assert.equal(received.length, 4);
    assert.equal(
      received[2],
      'from blabla.google.com (blabla.google.com. [1.1.1.1]) by bla.google.com with SMTPS id something.1.1.1.1.1.1.1 for <incoming+gitlabhq/gitlabhq+auth_token@appmail.example.com> (Google Transport Security); Mon, 21 Feb 2022 14:41:58 -0800 (PST)',
    );
  });

  it('addressesIn flattens groups and drops display names', () => {
    const fields = [
      { name: 'to', value: '"Doe, Jane" <jane@example.com>, team: a@example.com, b@example.com;' },
      { name: 'to', value: 'undisclosed-recipients:;' },
    ];
    assert.deepEqual(addressesIn(fields), ['jane@example.com', 'a@example.com', 'b@example.com']);
  });
});

describe('characters no database keeps', () => {
  it('drops NUL from the subject, the text and the HTML (PostgreSQL refuses it in text)', async () => {
    const raw = Buffer.from(
      'From: a@example.com\r\nTo: b@example.com\r\nSubject: =?utf-8?B?' +
        Buffer.from('Hi\u0000there').toString('base64') +
        '?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nline\u0000one\r\n',
      'latin1',
    );
    const message = await parseMessage(raw);
    assert.equal(message.subject, 'Hithere');
    assert.equal(message.text?.trim(), 'lineone');
  });
});

describe('characters no database keeps, everywhere a mail carries text', () => {
  it('drops NUL from From addresses, header values, file names and content types', async () => {
    const raw = Buffer.from(
      [
        'From: "Na\u0000me" <a\u0000b@example.com>',
        'To: b@example.com',
        'X-Note: one\u0000two',
        'Content-Type: multipart/mixed; boundary=B',
        '',
        '--B',
        'Content-Type: text/plain',
        '',
        'hello',
        '--B',
        'Content-Type: application/x-\u0000odd; name="fi\u0000le.bin"',
        '',
        'data',
        '--B--',
        '',
      ].join('\r\n'),
      'latin1',
    );
    const message = await parseMessage(raw);
    const all = JSON.stringify({ ...message, attachments: message.attachments.map((a) => ({ ...a, content: null })) });
    assert.equal(all.includes('\\u0000'), false, `no NUL anywhere: ${all}`);
    assert.equal(message.from, 'ab@example.com');
    assert.equal(message.attachments[0]?.filename, 'file.bin');
  });

  it('replaces a Message-ID too long for an index by its hash, the same in In-Reply-To and References', async () => {
    const long = `<${'x'.repeat(3000)}@example.com>`;
    const original = await parseMessage(Buffer.from(`From: a@example.com\r\nMessage-ID: ${long}\r\n\r\nhi\r\n`));
    const reply = await parseMessage(Buffer.from(`From: b@example.com\r\nIn-Reply-To: ${long}\r\nReferences: <r@example.com> ${long}\r\n\r\nre\r\n`));
    assert.match(original.messageId ?? '', /^<[0-9a-f]{64}@long-message-id\.invalid>$/, 'hashed');
    assert.deepEqual(reply.inReplyTo, [original.messageId]);
    assert.deepEqual(reply.references, ['<r@example.com>', original.messageId]);
  });
});

describe('parts without a usable Content-Type (RFC 2045 §5.2: text/plain; charset=us-ascii)', () => {
  const multipart = (...parts: string[]) =>
    Buffer.from(
      ['From: a@example.com', 'To: b@example.com', 'Content-Type: multipart/mixed; boundary=B', '', ...parts.flatMap((p) => ['--B', p]), '--B--', ''].join(
        '\r\n',
      ),
    );

  it('joins an empty or parameter-only Content-Type part to the body', async () => {
    const message = await parseMessage(
      multipart('Content-Type: text/plain\r\n\r\nFirst words.', 'Content-Type:\r\n\r\nSecond words.', 'Content-Type: ; charset=utf-8\r\n\r\nThird wörds.'),
    );
    assert.equal(message.text, 'First words.\nSecond words.\nThird wörds.');
    assert.deepEqual(message.attachments, []);
  });

  it('keeps such a part as a text/plain file when it names one', async () => {
    const message = await parseMessage(multipart('Content-Type: text/plain\r\n\r\nBody.', 'Content-Type: ; name="notes.txt"\r\n\r\nfile text'));
    assert.equal(message.text, 'Body.');
    assert.deepEqual(
      message.attachments.map((a) => [a.filename, a.contentType, a.content.toString()]),
      [['notes.txt', 'text/plain', 'file text']],
    );
  });

  it('reads a whole message with an empty Content-Type as plain text', async () => {
    const message = await parseMessage(Buffer.from('From: a@example.com\r\nContent-Type:\r\n\r\nJust text.\r\n'));
    assert.equal(message.text?.trim(), 'Just text.');
    assert.equal(message.contentType, 'text/plain');
  });
});
