import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMailboxAddress } from './mailbox-address.ts';

describe('isMailboxAddress', () => {
  for (const address of [
    'alice@example.com',
    'first.last+tag@mail.example.co.uk',
    "o'brien@example.ie",
    'bob@example.рф',
    'josé@bücher.example',
    'a@xn--80ak6aa92e.com',
    'x_y-z=1@sub-domain.example.org',
  ]) {
    it(`takes ${address}`, () => assert.equal(isMailboxAddress(address), true, address));
  }
  for (const address of [
    'victim@[10.1.2.3]',
    'carl@10.0.0.1',
    '"a@b"@example.com',
    '"quoted"@example.com',
    'victim%evil.example@relay.example.com',
    'host!user@example.com',
    'no-domain@localhost',
    'double..dot@example.com',
    '.leading@example.com',
    'trailing.@example.com',
    '@example.com',
    'nobody',
    'a@-bad.example.com',
    'a@bad-.example.com',
    'a@example.c',
    'a b@example.com',
    `${'x'.repeat(65)}@example.com`,
    `a@${'x'.repeat(250)}.com`,
  ]) {
    it(`refuses ${address}`, () => assert.equal(isMailboxAddress(address), false, address));
  }
});
