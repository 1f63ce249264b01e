import assert from 'node:assert/strict';
import { it } from 'node:test';
import { clampPerPage, decodeCursor, encodeCursor, toPage } from './pagination.ts';

it('clamps per_page to 1..100 with 20 as default', () => {
  assert.equal(clampPerPage(undefined), 20);
  assert.equal(clampPerPage(500), 100);
  assert.equal(clampPerPage(0), 1);
  assert.equal(clampPerPage(500, 200), 200, "a list's own larger maximum");
  assert.equal(clampPerPage(150, 200), 150);
  assert.equal(clampPerPage(undefined, 200), 20, 'the default stays 20');
});

it('round-trips cursors and refuses forged ones', () => {
  assert.deepEqual(decodeCursor(encodeCursor({ id: 5 }), ['id']), { id: 5 });
  assert.throws(() => decodeCursor('garbage', ['id']), { code: 'invalid' });
  assert.throws(() => decodeCursor(encodeCursor({ other: 1 }), ['id']), { code: 'invalid' });
});

it('gives a next cursor only when a row beyond the page exists', () => {
  const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
  assert.deepEqual(
    toPage(rows, 2, (r) => ({ id: r.id })),
    { items: [{ id: 1 }, { id: 2 }], nextCursor: encodeCursor({ id: 2 }) },
  );
  assert.equal(toPage(rows, 3, (r) => ({ id: r.id })).nextCursor, null);
});
