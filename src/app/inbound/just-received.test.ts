import assert from 'node:assert/strict';
import { it } from 'node:test';
import { justReceived } from './just-received.ts';

const bytes = (n: number) => [Buffer.alloc(n, 1)];

it('hands the bytes over once, and not after they are stale', () => {
  let now = 0;
  const kept = justReceived({ maxBytes: 100, keepMs: 1000, now: () => now });
  const raw = bytes(10);
  kept.keep(1, raw);
  kept.keep(2, bytes(10));
  assert.equal(kept.take(1), raw, 'the same pieces');
  assert.equal(kept.take(1), undefined, 'only once');
  now = 1001;
  assert.equal(kept.take(2), undefined, 'stale: the job reads the stored copy');
});

it('keeps at most maxBytes, pushing out the oldest, and never a mail larger than that', () => {
  const kept = justReceived({ maxBytes: 100, keepMs: 1000, now: () => 0 });
  kept.keep(1, bytes(40));
  kept.keep(2, bytes(40));
  kept.keep(3, bytes(40));
  assert.equal(kept.take(1), undefined, 'the oldest went');
  assert.ok(kept.take(2) && kept.take(3), 'the newer two stayed');
  kept.keep(4, bytes(101));
  assert.equal(kept.take(4), undefined, 'too large to keep');
  kept.keep(5, bytes(100));
  assert.ok(kept.take(5), 'exactly the limit fits, as the room was freed by taking');
});
