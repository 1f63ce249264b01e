import assert from 'node:assert/strict';
import { it } from 'node:test';
import { classifyDeliveryError } from './delivery-error.ts';

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
