import assert from 'node:assert/strict';
import { it } from 'node:test';
import { combineDkim, isForgedSender, toAuthResult, type MailAuthentication } from './mail-authentication.ts';

const verdict = (dmarc: MailAuthentication['dmarc'], dmarc_policy: MailAuthentication['dmarc_policy']): MailAuthentication => ({
  dkim: 'none',
  spf: 'none',
  dmarc,
  source: 'postdesk',
  domain: 'example.com',
  dmarc_policy,
});

it('a From is forged only when DMARC fails under an enforcing (or unstated) policy; none and temperror never count', () => {
  assert.equal(isForgedSender(verdict('fail', 'reject')), true);
  assert.equal(isForgedSender(verdict('fail', 'quarantine')), true);
  assert.equal(isForgedSender(verdict('fail', null)), true, "a trusted relay's fail without a stated policy");
  assert.equal(isForgedSender(verdict('fail', 'none')), false, 'p=none asks receivers to do nothing');
  for (const result of ['pass', 'none', 'temperror', 'permerror', 'neutral', 'softfail'] as const)
    assert.equal(isForgedSender(verdict(result, 'reject')), false, result);
  assert.equal(isForgedSender(null), false);
});

it('reads result words, and one passing DKIM signature is enough', () => {
  assert.equal(toAuthResult('PASS'), 'pass');
  assert.equal(toAuthResult('hardfail'), 'fail');
  assert.equal(toAuthResult('policy'), 'fail');
  assert.equal(toAuthResult('bestguesspass'), 'neutral');
  assert.equal(toAuthResult(undefined), 'none');
  assert.equal(combineDkim(['fail', 'pass']), 'pass');
  assert.equal(combineDkim(['neutral', 'temperror']), 'temperror');
  assert.equal(combineDkim([]), 'none');
});
