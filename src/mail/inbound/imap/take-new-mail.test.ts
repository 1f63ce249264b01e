import assert from 'node:assert/strict';
import { it } from 'node:test';
import { uidSet } from './take-new-mail.ts';

it('writes ascending UIDs as a sequence set with ranges', () => {
  assert.equal(uidSet([1, 2, 3, 4, 7, 9, 10, 11, 12]), '1:4,7,9:12');
  assert.equal(uidSet([5]), '5');
  assert.equal(uidSet([]), '');
  assert.equal(uidSet(Array.from({ length: 10_000 }, (_, i) => i + 1)), '1:10000');
});
