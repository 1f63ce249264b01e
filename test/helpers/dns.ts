// Fixed DNS records for sender verification: there is no DNS on CI machines, and a test must say exactly
// which keys and policies the world publishes. Names not listed answer ENOTFOUND, as a real server would.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { DnsResolve } from '../../src/mail/dns-resolver.ts';

export interface Zone {
  /** TXT records by name, each record one string (mailauth gets it as one chunk). */
  txt?: Record<string, string[]>;
  a?: Record<string, string[]>;
  /** Names whose lookups never answer (a dead name server). */
  hang?: string[];
}

export function fixedDns(zone: Zone = {}): DnsResolve & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (name: string, rrtype: string) => {
    const key = name.toLowerCase();
    asked.push(`${rrtype} ${key}`);
    if (zone.hang?.includes(key)) return new Promise<never>(() => {});
    const records = rrtype === 'TXT' ? zone.txt?.[key]?.map((r) => [r]) : rrtype === 'A' ? zone.a?.[key] : undefined;
    if (records?.length) return records;
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
  return Object.assign(resolve, { asked });
}

export interface DkimKeyPair {
  privateKey: KeyObject;
  privatePem: string;
  /** The TXT record of `<selector>._domainkey.<domain>`. */
  record: string;
}

export function dkimKeyPair(type: 'rsa' | 'ed25519' = 'rsa'): DkimKeyPair {
  const { privateKey, publicKey } = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // Ed25519 keys are published raw (RFC 8463 §4): the last 32 bytes of the SPKI structure.
  const p = type === 'rsa' ? spki.toString('base64') : spki.subarray(spki.length - 32).toString('base64');
  return {
    privateKey,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    record: `v=DKIM1; k=${type}; p=${p}`,
  };
}
