import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CUSTOM_EMAIL_ERRORS,
  canMoveTo,
  judgeVerificationMail,
  splitSubaddress,
  tokenInBody,
  verificationAddress,
  type VerificationMailFacts,
} from './custom-email-verification.ts';

const STARTED = new Date('2026-01-01T10:00:00Z');
const good: VerificationMailFacts = {
  startedAt: STARTED,
  receivedAt: new Date(STARTED.getTime() + 60_000),
  wrongForwardingTarget: false,
  from: 'support@acme.io',
  fromForged: false,
  customEmail: 'support@acme.io',
  token: 'ZROT4ZZXA-Y6',
  tokenMatches: (token) => token === 'ZROT4ZZXA-Y6',
};

describe('SD-95: judging the verification mail', () => {
  it('finishes when every check passes', () => {
    assert.deepEqual(judgeVerificationMail(good), { state: 'finished' });
  });

  it('fails with the first check that fails, in SD-95 order', () => {
    const late = new Date(STARTED.getTime() + 30 * 60_000 + 1);
    const cases: Array<[Partial<VerificationMailFacts>, string]> = [
      [{ receivedAt: late, wrongForwardingTarget: true, from: 'x@y.io', token: null }, 'mail_not_received_within_timeframe'],
      [{ wrongForwardingTarget: true, from: 'x@y.io', token: null }, 'incorrect_forwarding_target'],
      [{ from: 'x@y.io', token: null }, 'incorrect_from'],
      [{ from: null }, 'incorrect_from'],
      [{ fromForged: true }, 'incorrect_from'],
      [{ token: null }, 'incorrect_token'],
      [{ token: 'AAAAAAAAAAAA' }, 'incorrect_token'],
    ];
    for (const [change, error] of cases) assert.deepEqual(judgeVerificationMail({ ...good, ...change }), { state: 'failed', error }, JSON.stringify(change));
  });

  it('accepts a mail at exactly 30 minutes', () => {
    assert.deepEqual(judgeVerificationMail({ ...good, receivedAt: new Date(STARTED.getTime() + 30 * 60_000) }), { state: 'finished' });
  });
});

describe('SD-96: states and errors', () => {
  it('keeps the catalog order (the numbers are the index)', () => {
    assert.equal(CUSTOM_EMAIL_ERRORS.indexOf('incorrect_token'), 0);
    assert.equal(CUSTOM_EMAIL_ERRORS.indexOf('read_timeout'), 5);
    assert.equal(CUSTOM_EMAIL_ERRORS.indexOf('incorrect_forwarding_target'), 6);
  });

  it('finished requires that the state was started; started and failed come from anywhere', () => {
    assert.equal(canMoveTo('started', 'finished'), true);
    for (const from of [null, 'finished', 'failed'] as const) assert.equal(canMoveTo(from, 'finished'), false, `${from} → finished`);
    for (const from of [null, 'started', 'finished', 'failed'] as const) {
      assert.equal(canMoveTo(from, 'started'), true, `${from} → started`);
      assert.equal(canMoveTo(from, 'failed'), true, `${from} → failed`);
    }
  });
});

describe('addresses and the token line', () => {
  it('makes and splits sub-addresses', () => {
    assert.equal(verificationAddress('support@acme.io'), 'support+verify@acme.io');
    assert.deepEqual(splitSubaddress('Support+Verify@Acme.io'), { base: 'support@acme.io', suffix: 'verify' });
    assert.equal(splitSubaddress('support@acme.io'), null);
  });

  it('reads exactly 12 characters after "Verification token: "', () => {
    assert.equal(tokenInBody('hi\nVerification token: ZROT4ZZXA-Y6\n-- '), 'ZROT4ZZXA-Y6');
    assert.equal(tokenInBody('Verification token: SHORT'), null);
    assert.equal(tokenInBody('Verification token: ABCDEFGHIJKLM'), null, 'a 13th character makes it another token');
  });
});
