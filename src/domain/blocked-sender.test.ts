import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockingValues, domainOf, parseBlockedSender } from './blocked-sender.ts';

describe('blocked sender entries', () => {
  it('reads an address, a domain with or without @, lower-cased, and refuses the rest', () => {
    assert.deepEqual(parseBlockedSender(' Spam@Example.COM '), { kind: 'address', value: 'spam@example.com' });
    assert.deepEqual(parseBlockedSender('@Example.com'), { kind: 'domain', value: 'example.com' });
    assert.deepEqual(parseBlockedSender('mail.example.com.'), { kind: 'domain', value: 'mail.example.com' });
    for (const bad of ['', 'com', '@com', 'a@b', '"a@b"@c.test', 'victim@[10.0.0.1]', 'x y.test', '10.0.0.1']) {
      assert.ok('problem' in parseBlockedSender(bad), `refused: ${JSON.stringify(bad)}`);
    }
  });

  it('lists the address and its domains down to two labels as what blocks it', () => {
    assert.deepEqual(blockingValues('A@X.Example.com'), ['a@x.example.com', 'x.example.com', 'example.com']);
    assert.deepEqual(blockingValues('a@example.com'), ['a@example.com', 'example.com']);
    assert.deepEqual(blockingValues('no-at-sign'), []);
    assert.equal(domainOf('Bob@Mail.Example.com'), 'mail.example.com');
  });
});
