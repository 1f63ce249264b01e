import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addressTemplateMatcher } from './address-template.ts';

it('extracts the key from an address of the template, with or without angle brackets (SD-07)', () => {
  const m = addressTemplateMatcher('in+%{key}@x.io');
  assert.equal(m.keyOf('in+abc@x.io'), 'abc');
  assert.equal(m.keyOf('<in+abc@x.io>'), 'abc');
  assert.equal(m.keyOf('IN+Abc@X.IO'), 'Abc');
  assert.equal(m.keyOf('in+grp-app-1-issue-@x.io'), 'grp-app-1-issue-');
});

it('takes the template literally: dots are not wildcards, the match is whole', () => {
  const m = addressTemplateMatcher('in+%{key}@x.io');
  assert.equal(m.keyOf('in+abc@xxio'), null);
  assert.equal(m.keyOf('in+abc@x.io.evil.com'), null);
  assert.equal(m.keyOf('xin+abc@x.io'), null);
  assert.equal(m.keyOf('in+@x.io'), null);
});
