import assert from 'node:assert/strict';
import { it } from 'node:test';
import { boundStoredText, CUT_NOTICE, headOfText, MAX_STORED_TEXT_LENGTH, previewOfText } from './stored-text.ts';

it('keeps a text that fits as it is, and cuts a longer one to the limit, notice included', () => {
  const fits = 'a'.repeat(MAX_STORED_TEXT_LENGTH);
  assert.deepEqual(boundStoredText(fits), { text: fits, cut: false });
  const bounded = boundStoredText(`${fits}b`);
  assert.equal(bounded.cut, true);
  assert.ok(bounded.text.length <= MAX_STORED_TEXT_LENGTH, `${bounded.text.length} characters`);
  assert.ok(bounded.text.endsWith(CUT_NOTICE), 'it says it was cut');
  assert.match(CUT_NOTICE, /full-text\.txt/);
});

it('marks a short text as cut when it is the head of a longer one', () => {
  const bounded = boundStoredText('The head of it', true);
  assert.deepEqual(bounded, { text: `The head of it${CUT_NOTICE}`, cut: true });
});

it('never ends a head inside a surrogate pair', () => {
  assert.equal(headOfText('ab😀c', 3), 'ab', 'the emoji does not fit in 3 code units, so it goes whole');
  assert.equal(headOfText('ab😀c', 4), 'ab😀');
  assert.equal(headOfText('abc', 5), 'abc');
});

it('previews by code points, as SQL substr counts characters, and says whether any were left out', () => {
  assert.deepEqual(previewOfText('😀😀😀', 3), { text: '😀😀😀', cut: false });
  assert.deepEqual(previewOfText('😀😀😀x', 3), { text: '😀😀😀', cut: true });
  assert.deepEqual(previewOfText('abcd', 2), { text: 'ab', cut: true });
  assert.deepEqual(previewOfText('ab', 2), { text: 'ab', cut: false });
});
