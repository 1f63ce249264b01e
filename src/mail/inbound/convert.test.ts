import assert from 'node:assert/strict';
import { it } from 'node:test';
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
