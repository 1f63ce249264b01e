import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { networkMatcher, parseCidr, parseCidrList } from './cidr.ts';

describe('CIDR ranges (TRUSTED_RELAY_NETWORKS)', () => {
  it('reads addresses and ranges of both families, and refuses anything else', () => {
    assert.deepEqual(parseCidr('10.0.0.0/8'), { address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    assert.deepEqual(parseCidr('::1'), { address: '::1', prefix: 128, family: 'ipv6' });
    assert.deepEqual(parseCidr(' 2001:db8::/32 '), { address: '2001:db8::', prefix: 32, family: 'ipv6' });
    for (const bad of ['', 'localhost', '10.0.0.0/33', '::/129', '10.0.0.0/8/8', '10.0.0.0/', '10.0.0.0/-1', '10.0.0/8', '1.2.3.4/0x8'])
      assert.equal(parseCidr(bad), null, bad);
    assert.equal(parseCidrList('127.0.0.0/8,::1')?.length, 2);
    assert.equal(parseCidrList('127.0.0.0/8,'), null, 'a trailing comma is a typo, not "nothing more"');
  });

  it('matches addresses inside the ranges only, IPv4 clients of a dual-stack socket included', () => {
    const inside = networkMatcher(parseCidrList('127.0.0.0/8,::1,192.0.2.16/28')!);
    assert.equal(inside('127.0.0.1'), true);
    assert.equal(inside('127.255.0.9'), true);
    assert.equal(inside('::1'), true);
    assert.equal(inside('::ffff:127.0.0.1'), true);
    assert.equal(inside('192.0.2.31'), true);
    assert.equal(inside('192.0.2.32'), false);
    assert.equal(inside('10.0.0.1'), false);
    assert.equal(inside('::2'), false);
    assert.equal(inside(null), false);
    assert.equal(inside('not an address'), false);
  });
});
