import assert from 'node:assert/strict';
import { it } from 'node:test';
import { headOfText, previewOfText, withThousandsCommas } from './stored-text.ts';

it('never ends a head inside a surrogate pair', () => {
  assert.equal(headOfText('ab😀c', 3), 'ab', 'the emoji does not fit in 3 code units, so it goes whole');
  assert.equal(headOfText('ab😀c', 4), 'ab😀');
  assert.equal(headOfText('abc', 5), 'abc');
});

it('ends a head at a line break when one is near, so no line is cut in two', () => {
  assert.equal(headOfText('first line\n/close\nthird', 15), 'first line');
  const longLine = `short\n${'x'.repeat(5_000)}`;
  assert.equal(headOfText(longLine, 3_000), longLine.slice(0, 3_000), 'a line break far back is not worth the loss');
});

it('previews by code points, as SQL substr counts characters, and says whether any were left out', () => {
  assert.deepEqual(previewOfText('😀😀😀', 3), { text: '😀😀😀', cut: false });
  assert.deepEqual(previewOfText('😀😀😀x', 3), { text: '😀😀😀', cut: true });
  assert.deepEqual(previewOfText('abcd', 2), { text: 'ab', cut: true });
  assert.deepEqual(previewOfText('ab', 2), { text: 'ab', cut: false });
});

it('writes counts with thousands commas, as the cut notice and the API document show them', () => {
  assert.equal(withThousandsCommas(1_000_000), '1,000,000');
  assert.equal(withThousandsCommas(1_000), '1,000');
  assert.equal(withThousandsCommas(999), '999');
  assert.equal(withThousandsCommas(12_345_678), '12,345,678');
});
