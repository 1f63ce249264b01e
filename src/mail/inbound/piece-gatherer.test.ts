import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { it } from 'node:test';
import { PIECE_BYTES } from '../../db/pieces.ts';
import { PieceGatherer } from './piece-gatherer.ts';

it('gathers chunks of any size into whole pieces, each owning its memory, in order', () => {
  for (const [total, chunk] of [
    [0, 10],
    [5, 10],
    [PIECE_BYTES, 65_536],
    [PIECE_BYTES * 2 + 3, 65_536],
    [PIECE_BYTES + 1, PIECE_BYTES * 3],
  ] as const) {
    const bytes = randomBytes(total);
    const gatherer = new PieceGatherer();
    for (let start = 0; start < total; start += chunk) gatherer.add(bytes.subarray(start, start + chunk));
    const pieces = gatherer.finish();
    assert.deepEqual(Buffer.concat(pieces), bytes, `${total} bytes in chunks of ${chunk}`);
    assert.equal(gatherer.length, total);
    assert.ok(pieces.length >= 1, 'at least one piece');
    assert.ok(
      pieces.every((piece, index) => (index < pieces.length - 1 ? piece.length === PIECE_BYTES : piece.length <= PIECE_BYTES)),
      'whole pieces but the last',
    );
    assert.ok(
      pieces.every((piece) => piece.byteOffset === 0 && piece.buffer.byteLength === piece.length),
      'each owns its memory (it can be lent to a worker)',
    );
  }
});
