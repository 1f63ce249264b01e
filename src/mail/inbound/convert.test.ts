import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CUT_NOTICE, MAX_STORED_TEXT_LENGTH } from '../../domain/stored-text.ts';
import { convertBody } from './convert.ts';

it('prefers the text part to the HTML part (SD-44) and keeps it as written, trailing spaces gone (SD-46)', () => {
  const converted = convertBody({ text: 'Plain words  \n\nSecond paragraph\t\n', html: '<p>HTML words</p>' }, { trimQuotes: false });
  assert.equal(converted.body, 'Plain words\n\nSecond paragraph');
});

it('keeps a body that mentions MIME words, unlike GitLab (SD-45), which empties it', () => {
  const text = 'Our mail server says "Content-Type: text/plain" and multipart/alternative are wrong.';
  assert.equal(convertBody({ text, html: null }, { trimQuotes: false }).body, text);
});

it('folds the quoted history of a reply into a details block (SD-49) and calls a quote-only reply empty (SD-50)', () => {
  const reply = convertBody({ text: 'Thanks, fixed.\n\nOn Mon, 23 Nov 2026 at 09:00, Desk <d@x.test> wrote:\n> Try again', html: null }, { trimQuotes: true });
  assert.equal(
    reply.body,
    'Thanks, fixed.\n\n<details><summary>…</summary>\n\nOn Mon, 23 Nov 2026 at 09:00, Desk <d@x.test> wrote:\n> Try again\n\n</details>',
  );
  assert.equal(convertBody({ text: '> only a quote', html: null }, { trimQuotes: true }).isEmpty, true);
});

it('makes a customer’s quick actions inert (SD-32) but lets a team member’s run, without our quoted mail', () => {
  const text = 'Done\n/close\n\nOn Mon, 23 Nov 2026 at 09:00, Desk <d@x.test> wrote:\n> old';
  assert.equal(convertBody({ text, html: null }, { trimQuotes: true }).body.split('\n\n')[0], 'Done\n`/close`');
  assert.equal(convertBody({ text, html: null }, { trimQuotes: true, fromMember: true }).body, 'Done\n/close');
});

it('makes the folded history inert too: a forwarded mail in it is not quoted (SD-32)', () => {
  const text =
    'See below\n\n---------- Forwarded message ---------\nFrom: Boss <boss@x.test>\nDate: Mon, 23 Nov 2026 at 09:00\n\n/CLOSE\n/add_email x@evil.test';
  const { body } = convertBody({ text, html: null }, { trimQuotes: true });
  assert.match(body, /<details>/, 'the forward is folded away');
  assert.match(body, /^`\/CLOSE`$/m);
  assert.match(body, /^`\/add_email x@evil\.test`$/m);
  assert.doesNotMatch(body, /^\//m, 'no line of it is a command');
});

it('cuts a text past the stored limit, says so, and hands the whole text over as a file (issue 10)', () => {
  const text = `${'A line the customer wrote.\n'.repeat(40_000)}/close\nThe very end.`;
  const converted = convertBody({ text, html: null }, { trimQuotes: false });
  assert.ok(converted.body.length <= MAX_STORED_TEXT_LENGTH, `${converted.body.length} characters`);
  assert.equal(converted.isEmpty, false);
  assert.deepEqual(
    converted.files.map((f) => [f.filename, f.contentType, f.content.toString('utf8')]),
    [['full-text.txt', 'text/plain; charset=utf-8', text]],
  );
  assert.ok(converted.body.endsWith(`A line the customer wrote.${CUT_NOTICE}`), converted.body.slice(-200));
  const short = convertBody({ text: 'Short\n/close', html: null }, { trimQuotes: false });
  assert.deepEqual(short.files, [], 'a text that fits needs no file');
});

it('bounds a reply whose quoted history is long, keeping what was written now', () => {
  const text = `Thanks, that worked.\n\nOn Mon, 23 Nov 2026 at 09:00, Desk <d@x.test> wrote:\n${'> an old line\n'.repeat(90_000)}`;
  const converted = convertBody({ text, html: null }, { trimQuotes: true });
  assert.ok(converted.body.startsWith('Thanks, that worked.\n\n<details>'), converted.body.slice(0, 60));
  assert.ok(converted.body.length <= MAX_STORED_TEXT_LENGTH, `${converted.body.length} characters`);
  assert.ok(converted.body.endsWith(`> an old line\n\n</details>${CUT_NOTICE}`), 'the fold is closed, and the notice below it says the text was cut');
  assert.equal(converted.files[0]?.content.toString('utf8'), text.trim());
});
