import assert from 'node:assert/strict';
import { it } from 'node:test';
import { classifyDeliveryError, isLoginRefusal, verificationErrorOf } from './delivery-error.ts';

it('treats 5xx as permanent, except 503', () => {
  assert.equal(classifyDeliveryError({ responseCode: 550, code: 'EENVELOPE' }, false), 'permanent');
  assert.equal(classifyDeliveryError({ responseCode: 554, code: 'EMESSAGE' }, true), 'permanent');
  assert.equal(classifyDeliveryError({ responseCode: 503, code: 'EENVELOPE' }, false), 'transient');
});

it('treats 4xx and network failures before the body as transient', () => {
  assert.equal(classifyDeliveryError({ responseCode: 451, code: 'EMESSAGE' }, true), 'transient');
  assert.equal(classifyDeliveryError({ responseCode: 421, code: 'EENVELOPE' }, false), 'transient');
  assert.equal(classifyDeliveryError({ code: 'ECONNECTION' }, false), 'transient');
  assert.equal(classifyDeliveryError({ code: 'ETIMEDOUT' }, false), 'transient');
});

it('calls a connection lost after the body started uncertain', () => {
  assert.equal(classifyDeliveryError({ code: 'ETIMEDOUT' }, true), 'uncertain');
  assert.equal(classifyDeliveryError({ code: 'ECONNECTION' }, true), 'uncertain');
});

it('SD-94: sorts a failed verification mail into the catalog', () => {
  assert.equal(verificationErrorOf({ code: 'EAUTH', responseCode: 535 }), 'invalid_credentials');
  assert.equal(verificationErrorOf({ responseCode: 534 }), 'invalid_credentials');
  assert.equal(verificationErrorOf({ code: 'ETIMEDOUT' }), 'read_timeout');
  assert.equal(verificationErrorOf({ code: 'ESOCKET' }), 'smtp_host_issue');
  assert.equal(verificationErrorOf({ code: 'ETLS' }), 'smtp_host_issue');
  assert.equal(verificationErrorOf({ responseCode: 421 }), 'smtp_host_issue');
  assert.equal(verificationErrorOf({ responseCode: 550, code: 'EENVELOPE' }), 'smtp_host_issue');
  assert.equal(isLoginRefusal({ responseCode: 550 }), false);
});
