import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MAX_LABELS, labelProblem, labelsProblem, normaliseLabels } from './label-rules.ts';

it('normalises: trimmed, no blanks, no repeats, order kept', () => {
  assert.deepEqual(normaliseLabels([' bug ', '', 'ux', 'bug', '  ']), ['bug', 'ux']);
});

it('one label: at most 255 characters, no comma', () => {
  assert.equal(labelProblem('x'.repeat(255)), null);
  assert.match(labelProblem('x'.repeat(256)) ?? '', /255/);
  assert.match(labelProblem('a,b') ?? '', /commas/);
});

it('a set: at most MAX_LABELS, each a good label', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `l${i}`);
  assert.equal(labelsProblem(many(MAX_LABELS)), null);
  assert.equal(labelsProblem(many(MAX_LABELS + 1)), `at most ${MAX_LABELS} labels`);
  assert.equal(labelsProblem(many(40_000)), `at most ${MAX_LABELS} labels`);
  assert.match(labelsProblem(['ok', 'x'.repeat(300)]) ?? '', /each label/);
  assert.equal(labelsProblem([]), null);
});
