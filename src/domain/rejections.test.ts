import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRejectionReason, type RejectionReason, rejectionFor } from './rejections.ts';

// SD-25, table-driven: which errors answer, and which of them may be answered again to retry.
const TABLE: Array<[RejectionReason, boolean]> = [
  ['unknown_reply_key', false],
  ['service_desk_disabled', false],
  ['project_not_found', false],
  ['too_large', false],
  ['empty_reply', true],
];

describe('rejections (SD-24, SD-25)', () => {
  for (const [reason, retryable] of TABLE) {
    it(`${reason}: [Rejected] + the original subject, ${retryable ? 'retryable' : 'final'}, quoting nothing`, () => {
      const rejection = rejectionFor(reason, 'Printer on fire');
      assert.equal(rejection.subject, '[Rejected] Printer on fire');
      assert.equal(rejection.retryable, retryable);
      assert.ok(!rejection.text.includes('Printer on fire'), 'the original is not quoted');
    });
  }

  it('has no subject to repeat when the original had none', () => {
    assert.equal(rejectionFor('too_large', null).subject, '[Rejected]');
  });

  it('answers nothing for the reasons that must stay silent (auto-replies, bounces, bulk, loops, blocked, flood)', () => {
    for (const silent of [
      'auto_submitted',
      'auto_reply',
      'bulk',
      'bounce',
      'spam',
      'own_address',
      'blocked_sender',
      'rate_limited',
      'sender_mismatch',
      'duplicate',
    ])
      assert.equal(isRejectionReason(silent), false, silent);
    for (const [reason] of TABLE) assert.equal(isRejectionReason(reason), true, reason);
  });
});
