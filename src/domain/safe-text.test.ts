import assert from 'node:assert/strict';
import { it } from 'node:test';
import { safeOptionalText, safeText } from './safe-text.ts';

it('drops NUL and replaces lone surrogates, keeping pairs and other text', () => {
  assert.equal(safeText('a\u0000b'), 'ab');
  assert.equal(safeText('x\uD800y\uDC00z'), 'x\uFFFDy\uFFFDz');
  assert.equal(safeText('smile 😀 ü'), 'smile 😀 ü');
  assert.equal(safeOptionalText(null), null);
  assert.equal(safeOptionalText(undefined), undefined);
});
