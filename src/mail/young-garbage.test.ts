import assert from 'node:assert/strict';
import { it } from 'node:test';
import { collectYoungGarbage } from './young-garbage.ts';

const MB = 1_048_576;

it('frees the memory of dead chunks at once, as a received mail leaves them', async () => {
  let chunks: Buffer[] | null = Array.from({ length: 160 }, () => Buffer.allocUnsafeSlow(64 * 1024)); // 10 MB
  await new Promise((resolve) => setImmediate(resolve));
  const held = process.memoryUsage().arrayBuffers;
  assert.ok(chunks.length === 160 && held >= 10 * MB, `the chunks hold their 10 MB (${held} bytes)`);
  chunks = null;
  collectYoungGarbage();
  await new Promise((resolve) => setTimeout(resolve, 20)); // the freed buffers are swept just after
  const left = process.memoryUsage().arrayBuffers;
  assert.ok(held - left >= 9 * MB, `the dead chunks' memory is freed (${held} bytes before, ${left} after)`);
});

it('leaves `gc` unexposed to the program', () => {
  collectYoungGarbage();
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
});
