import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelayMs } from './backoff.ts';

// random() = 0 gives the shortest wait of the window, values close to 1 the longest:
// pinning it makes the window itself observable.
const lowest = () => 0;
const highest = () => 0.999999;

describe('retryDelayMs', () => {
  it('waits between half the base and the base after the first attempt', () => {
    assert.equal(retryDelayMs(1, lowest, 1000, 60_000), 500);
    assert.equal(retryDelayMs(1, highest, 1000, 60_000), 1000);
  });

  it('doubles the window with every further attempt', () => {
    const shortest = [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, lowest, 1000, 1_000_000));
    assert.deepEqual(shortest, [500, 1000, 2000, 4000, 8000]);
    const longest = [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, highest, 1000, 1_000_000));
    assert.deepEqual(longest, [1000, 2000, 4000, 8000, 16000]);
  });

  it('never waits longer than the cap, even after very many attempts', () => {
    assert.equal(retryDelayMs(10, highest, 1000, 60_000), 60_000);
    assert.equal(retryDelayMs(10, lowest, 1000, 60_000), 30_000);
    // 2 ** 2000 overflows to Infinity; the cap must still hold and the result stay a usable number.
    assert.equal(retryDelayMs(2000, highest, 1000, 60_000), 60_000);
  });

  it('uses the documented defaults: one second base, one hour cap', () => {
    assert.equal(retryDelayMs(1, lowest), 500);
    assert.equal(retryDelayMs(100, lowest), 1_800_000);
  });

  it('draws the jitter from the upper half of the window, spread across it', () => {
    // Attempt 4 has an 8 s window; any random value must land in [4 s, 8 s].
    for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999999]) {
      const delay = retryDelayMs(4, () => r, 1000, 3_600_000);
      assert.ok(delay >= 4000 && delay <= 8000, `random ${r} gave ${delay} ms`);
    }
    // The middle of the random range is the middle of the upper half, so jobs failing together spread out.
    assert.equal(
      retryDelayMs(4, () => 0.5, 1000, 3_600_000),
      6000,
    );
  });

  it('treats attempt 0 like the first attempt rather than waiting less than the base window', () => {
    assert.equal(retryDelayMs(0, lowest, 1000, 60_000), 500);
  });
});
