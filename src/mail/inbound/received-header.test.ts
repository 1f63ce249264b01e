// receivedForAddresses (SD-15): the `for <addr>` clauses of a Received header, in order, and in linear time
// on hostile input (GitLab's spec feeds 100,000 × `for <<` and allows 2 s; we allow 1 s per input).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { receivedForAddresses } from './received-header.ts';

describe('receivedForAddresses', () => {
  it('finds the address of one for clause, without the angle brackets', () => {
    const value =
      'by mail-ie0-f180.google.com with SMTP id f4so21977375iea.25 for <reply+59d8df8370b7e95c5a49fbf86aeb2c93@appmail.adventuretime.ooo>; Thu, 13 Jun 2013 14:03:48 -0700';
    assert.deepEqual(receivedForAddresses(value), ['reply+59d8df8370b7e95c5a49fbf86aeb2c93@appmail.adventuretime.ooo']);
  });

  it('finds several for clauses in the order they appear', () => {
    const value = 'from a.example by b.example for <first@x.io>; (relayed by c.example for <second@y.io>) FOR <third@z.io>; Mon, 1 Jan 2024';
    assert.deepEqual(receivedForAddresses(value), ['first@x.io', 'second@y.io', 'third@z.io']);
  });

  it('accepts an address without angle brackets', () => {
    assert.deepEqual(receivedForAddresses('by mx.example with ESMTP id 1 for in+abc@x.io; Mon'), ['in+abc@x.io']);
    assert.deepEqual(receivedForAddresses('by mx.example for\tin+abc@x.io'), ['in+abc@x.io']);
  });

  it('reads a clause that a folded header put after a line break', () => {
    assert.deepEqual(receivedForAddresses('from x by y with SMTPS id 1\r\n        for <in+abc@x.io>\r\n        (TLS); Mon'), ['in+abc@x.io']);
  });

  it('ignores "for" inside words and clauses that name no address', () => {
    assert.deepEqual(receivedForAddresses('from before.example (forward.example) by platform.example; Mon'), []);
    assert.deepEqual(receivedForAddresses('by mx for <postmaster>; Mon'), []);
    assert.deepEqual(receivedForAddresses('by mx for <in+abc@x.io; Mon'), []); // unclosed bracket
    assert.deepEqual(receivedForAddresses('by mx for'), []);
    assert.deepEqual(receivedForAddresses(''), []);
  });

  it('keeps its place in headers that hold characters whose lower case is longer (İ)', () => {
    // 'İ'.toLowerCase() is two code units: lower-casing the whole header shifted every index after it,
    // and the scan read `bc@x.io` out of `for <in+abc@x.io>`.
    assert.deepEqual(receivedForAddresses('from mx.example (İstanbul İİİİİ) by relay for <in+abc@x.io>; Mon'), ['in+abc@x.io']);
  });
});

describe('receivedForAddresses on hostile input (SD-15)', () => {
  const hostile: [string, string][] = [
    ["'for <<' × 100,000 (GitLab's case)", 'for <<'.repeat(100_000)],
    ["'for <<' × 300,000", 'for <<'.repeat(300_000)],
    ["'for ' × 200,000", 'for '.repeat(200_000)],
    ["'for\\t<' × 200,000", 'for\t<'.repeat(200_000)],
    ["'for <a@' × 100,000", 'for <a@'.repeat(100_000)],
    ["'for <' + 1,000,000 × 'a'", `for <${'a'.repeat(1_000_000)}`],
    ["' for' × 200,000 then an address", `${' for'.repeat(200_000)} <x@y.io>`],
    ["'<' × 1,000,000", '<'.repeat(1_000_000)],
    ["'for' + 1,000,000 spaces + address", `for${' '.repeat(1_000_000)}<x@y.io>`],
    ["'for <x@y.io> ' × 50,000", 'for <x@y.io> '.repeat(50_000)],
  ];
  for (const [label, value] of hostile) {
    it(`${label} finishes in bounded time`, () => {
      const before = process.cpuUsage();
      const found = receivedForAddresses(value);
      const used = process.cpuUsage(before);
      assert.ok(used.user + used.system < 5_000_000, `${Math.round((used.user + used.system) / 1000)} ms of CPU`);
      assert.ok(Array.isArray(found), 'Array.isArray(found)');
    });
  }

  it('still finds every address of a long, repetitive but well-formed header', () => {
    assert.equal(receivedForAddresses('for <x@y.io> '.repeat(50_000)).length, 50_000);
    assert.deepEqual(receivedForAddresses(`for${' '.repeat(1_000_000)}<x@y.io>`), ['x@y.io']);
  });
});
