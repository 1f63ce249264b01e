// Authentication-Results as real relays write them (RFC 8601), and the rule that only the topmost header of
// the trusted authserv-id counts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAuthenticationResults, trustedVerdict } from './authentication-results.ts';
import type { HeaderField } from './parsed-message.ts';

const ar = (value: string): HeaderField => ({ name: 'authentication-results', value });

describe('Authentication-Results', () => {
  it('parses methods, results, properties and comments, quotes and nested comments included', () => {
    const parsed = parseAuthenticationResults(
      'mx.google.com; dkim=pass header.i=@example.com header.s=s1 header.b="Ab;Cd"; spf=pass (google.com: domain of a@example.com designates 192.0.2.1 as permitted sender (ok; really)) smtp.mailfrom=a@example.com; dmarc=fail (p=REJECT sp=NONE dis=NONE) header.from=example.com',
    );
    assert.equal(parsed?.authservId, 'mx.google.com');
    assert.deepEqual(
      parsed?.entries.map((e) => [e.method, e.result]),
      [
        ['dkim', 'pass'],
        ['spf', 'pass'],
        ['dmarc', 'fail'],
      ],
    );
    assert.equal(parsed?.entries[0]?.props['header.b'], 'Ab;Cd');
    assert.equal(parsed?.entries[1]?.props['smtp.mailfrom'], 'a@example.com');
    assert.match(parsed?.entries[1]?.comments[0] ?? '', /\(ok; really\)/);
    assert.deepEqual(parsed?.entries[2]?.comments, ['p=REJECT sp=NONE dis=NONE']);
  });

  it('reads a version after the authserv-id, a method version, `none`, and survives garbage', () => {
    const parsed = parseAuthenticationResults('example.org 1; auth/1=pass smtp.auth=alice; spf = fail smtp.mailfrom = x@y.test');
    assert.equal(parsed?.authservId, 'example.org');
    assert.deepEqual(
      parsed?.entries.map((e) => [e.method, e.result]),
      [
        ['auth', 'pass'],
        ['spf', 'fail'],
      ],
    );
    assert.deepEqual(parseAuthenticationResults('mx.example.org; none')?.entries, []);
    assert.equal(parseAuthenticationResults(''), null);
    assert.equal(parseAuthenticationResults('  ; dkim=pass')?.authservId, undefined);
    assert.deepEqual(parseAuthenticationResults('mx; dkim= ; =pass; ((( ;')?.entries, []);
  });

  it('believes only the topmost header of the trusted id; another id is ignored whatever it claims', () => {
    const headers = [
      ar('evil.example; dkim=pass; spf=pass; dmarc=pass'),
      ar('mx.desk.test; dkim=none; spf=softfail smtp.mailfrom=a@example.com; dmarc=fail (p=quarantine) header.from=example.com'),
      ar('mx.desk.test; dkim=pass; spf=pass; dmarc=pass'), // lower down: written before our relay saw it
    ];
    assert.deepEqual(trustedVerdict(headers, 'MX.desk.test', 'example.com'), {
      dkim: 'none',
      spf: 'softfail',
      dmarc: 'fail',
      source: 'trusted_relay',
      domain: 'example.com',
      dmarc_policy: 'quarantine',
    });
    assert.equal(trustedVerdict([ar('evil.example; dmarc=pass')], 'mx.desk.test', 'example.com'), null);
    assert.equal(trustedVerdict([{ name: 'x-authentication-results', value: 'mx.desk.test; dmarc=pass' }], 'mx.desk.test', null), null);
  });

  it('finds the DMARC policy where each relay writes it, and knows when it was not said', () => {
    const policy = (value: string) => trustedVerdict([ar(`mx.desk.test; ${value}`)], 'mx.desk.test', 'example.com')?.dmarc_policy;
    assert.equal(policy('dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=example.com'), 'reject'); // Gmail, OpenDMARC
    assert.equal(policy('dmarc=fail reason="No valid SPF, No valid DKIM" header.from=example.com (policy=quarantine)'), 'quarantine'); // rspamd
    assert.equal(policy('dmarc=fail action=oreject header.from=example.com'), 'reject'); // Microsoft 365
    assert.equal(policy('dmarc=fail policy.dmarc=none header.from=example.com'), 'none');
    assert.equal(policy('dmarc=fail polrec.p=reject header.from=example.com'), 'reject');
    assert.equal(policy('dmarc=fail header.from=example.com'), null);
    assert.equal(policy('spf=pass'), null);
  });

  it('combines several DKIM signatures (one pass suffices) and reads old SPF words', () => {
    const verdict = trustedVerdict([ar('mx.desk.test; dkim=fail header.d=list.test; dkim=pass header.d=example.com; spf=hardfail')], 'mx.desk.test', null);
    assert.equal(verdict?.dkim, 'pass');
    assert.equal(verdict?.spf, 'fail');
    assert.equal(verdict?.dmarc, 'none');
  });
});
