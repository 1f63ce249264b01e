import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundedCachedResolver, type DnsResolve } from './dns-resolver.ts';

const counting = (answer: (name: string) => Promise<any[]>) => {
  const calls: string[] = [];
  const resolve: DnsResolve = (name, rrtype) => {
    calls.push(`${rrtype} ${name}`);
    return answer(name);
  };
  return { resolve, calls };
};
const notFound = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));

describe('the DNS resolver of sender verification', () => {
  it('gives up on a lookup that does not answer in time, as ETIMEOUT (mailauth: temperror)', async () => {
    const { resolve } = counting(() => new Promise(() => {}));
    const bounded = boundedCachedResolver(resolve, { timeoutMs: 20 });
    await assert.rejects(bounded('_dmarc.slow.test', 'TXT'), (error: { code?: string }) => error.code === 'ETIMEOUT');
  });

  it('asks once for many questions about the same name, until the answer expires', async () => {
    let clock = 0;
    const { resolve, calls } = counting(async () => [['v=DMARC1; p=reject']]);
    const cached = boundedCachedResolver(resolve, { ttlMs: 1000, now: () => clock });
    const answers = await Promise.all([cached('_dmarc.example.com', 'TXT'), cached('_DMARC.Example.com', 'TXT'), cached('_dmarc.example.com', 'TXT')]);
    assert.deepEqual(answers[1], [['v=DMARC1; p=reject']]);
    assert.deepEqual(calls, ['TXT _dmarc.example.com'], 'one lookup for three concurrent questions');
    await cached('example.com', 'TXT');
    assert.equal(calls.length, 2, 'another name is another lookup');
    clock = 1001;
    await cached('_dmarc.example.com', 'TXT');
    assert.equal(calls.length, 3, 'asked again once the answer expired');
  });

  it('remembers "no such name" as long as an answer, a failure only briefly', async () => {
    let clock = 0;
    const missing = counting(notFound);
    const cached = boundedCachedResolver(missing.resolve, { ttlMs: 1000, failureTtlMs: 10, now: () => clock });
    await assert.rejects(cached('none.test', 'TXT'));
    clock = 500;
    await assert.rejects(cached('none.test', 'TXT'));
    assert.equal(missing.calls.length, 1);

    clock = 0;
    const refused = counting(() => Promise.reject(Object.assign(new Error('refused'), { code: 'EREFUSED' })));
    const retrying = boundedCachedResolver(refused.resolve, { ttlMs: 1000, failureTtlMs: 10, now: () => clock });
    await assert.rejects(retrying('down.test', 'TXT'));
    await assert.rejects(retrying('down.test', 'TXT'));
    assert.equal(refused.calls.length, 1, 'a failure is not asked again at once');
    clock = 11;
    await assert.rejects(retrying('down.test', 'TXT'));
    assert.equal(refused.calls.length, 2, 'but soon');
  });

  it('keeps at most maxEntries names', async () => {
    const { resolve, calls } = counting(async () => [['x']]);
    const cached = boundedCachedResolver(resolve, { maxEntries: 2 });
    for (const name of ['a.test', 'b.test', 'c.test', 'a.test']) await cached(name, 'TXT');
    assert.deepEqual(calls, ['TXT a.test', 'TXT b.test', 'TXT c.test', 'TXT a.test'], 'the oldest name was dropped');
  });
});
