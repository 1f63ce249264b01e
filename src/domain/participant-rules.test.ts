import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_PARTICIPANTS_PER_OPERATION, MAX_PARTICIPANTS_PER_TICKET, participantsToAdd } from './participant-rules.ts';

describe('participantsToAdd', () => {
  it('adds new ordinary addresses once, whatever their case, and none of our own', () => {
    assert.deepEqual(participantsToAdd(['A@client.test', 'a@CLIENT.test', ' b@client.test ', 'support@desk.test'], ['c@client.test'], ['Support@desk.test']), [
      'A@client.test',
      'b@client.test',
    ]);
  });

  it('never adds an address a relay could be made to route elsewhere', () => {
    const hostile = ['victim@[10.1.2.3]', '"a@b"@client.test', 'victim%evil.test@relay.test', 'host!victim@relay.test', 'carl@10.0.0.1', 'nobody'];
    assert.deepEqual(participantsToAdd(hostile, [], []), []);
  });

  it('looks at no more than a few per mail and stops at the ticket limit', () => {
    const many = Array.from({ length: 20 }, (_, i) => `p${i}@client.test`);
    assert.equal(participantsToAdd(many, [], []).length, MAX_PARTICIPANTS_PER_OPERATION);
    const existing = Array.from({ length: MAX_PARTICIPANTS_PER_TICKET - 2 }, (_, i) => `e${i}@client.test`);
    assert.deepEqual(participantsToAdd(many, existing, []), ['p0@client.test', 'p1@client.test']);
  });
});
