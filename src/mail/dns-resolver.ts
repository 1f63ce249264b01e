// The DNS lookups behind sender verification (DKIM keys, SPF and DMARC records). Every lookup is bounded
// (≤ 1 s by default): a slow or dead name server must cost a mail a `temperror`, never hold the job queue.
// Answers are cached and concurrent questions share one lookup, since a busy desk hears from the same few
// domains all day. Tests inject a resolver with fixed records (context.ts); there is no DNS on CI machines.
import { Resolver } from 'node:dns/promises';

/** `dns.promises.resolve`'s shape, which mailauth calls: TXT answers are arrays of string chunks, MX answers objects. */
export type DnsResolve = (name: string, rrtype: string) => Promise<any[]>;

export interface ResolverOptions {
  timeoutMs?: number;
  /** How long an answer (or a "no such name") is reused. DNS TTLs are not exposed for TXT by node. */
  ttlMs?: number;
  /** How long a failure (timeout, refused) is reused, so a dead server is not asked again per mail. */
  failureTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/** The operating system's name servers, with one try per lookup (the bound below covers retries). */
export function systemResolver(timeoutMs = 1000): DnsResolve {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  return (name, rrtype) => resolver.resolve(name, rrtype) as Promise<any[]>;
}

const NO_SUCH_RECORD = new Set(['ENOTFOUND', 'ENODATA']);

export function boundedCachedResolver(base: DnsResolve, options: ResolverOptions = {}): DnsResolve {
  const { timeoutMs = 1000, ttlMs = 300_000, failureTtlMs = 30_000, maxEntries = 10_000, now = Date.now } = options;
  const cache = new Map<string, { answer: Promise<any[]>; expires: number }>();
  return (name, rrtype) => {
    const key = `${rrtype}:${name.toLowerCase()}`;
    const cached = cache.get(key);
    if (cached && cached.expires > now()) return cached.answer;
    const entry = { answer: bounded(base(name, rrtype), timeoutMs, name), expires: Number.POSITIVE_INFINITY };
    cache.delete(key);
    cache.set(key, entry);
    // The oldest entries go first once the cache is full (Map keeps insertion order).
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
    entry.answer.then(
      () => {
        entry.expires = now() + ttlMs;
      },
      (error: { code?: string }) => {
        entry.expires = now() + (NO_SUCH_RECORD.has(error?.code ?? '') ? ttlMs : failureTtlMs);
      },
    );
    return entry.answer;
  };
}

/** The answer, or an ETIMEOUT error (which mailauth reports as temperror) once `timeoutMs` has passed. */
function bounded<T>(answer: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // Not unref'd: at most timeoutMs of keeping the process alive, and the answer always comes.
    timer = setTimeout(() => reject(Object.assign(new Error(`DNS lookup of ${name} took over ${timeoutMs} ms`), { code: 'ETIMEOUT' })), timeoutMs);
  });
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}
