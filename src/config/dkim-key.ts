// DKIM_PRIVATE_KEY is the PEM text itself or the path of a PEM file. Read and checked once at start-up:
// a key that cannot sign refuses start-up with a message naming the variable (never quoting the key),
// instead of every outgoing mail failing later.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, type Config } from './config.ts';

export interface DkimKey {
  domain: string;
  selector: string;
  key: KeyObject;
  /** The DKIM `a=` tag this key signs with (RFC 6376 §3.3, RFC 8463). */
  algorithm: 'rsa-sha256' | 'ed25519-sha256';
}

export function resolveDkimKey(config: Pick<Config, 'dkim'>): DkimKey | null {
  if (!config.dkim) return null;
  const { domain, selector, privateKey } = config.dkim;
  const pem = privateKey.includes('-----BEGIN') ? privateKey.replaceAll('\\n', '\n') : readPemFile(privateKey);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new ConfigError([`DKIM_PRIVATE_KEY: not a usable PEM private key (${reason})`]);
  }
  if (key.asymmetricKeyType === 'ed25519') return { domain, selector, key, algorithm: 'ed25519-sha256' };
  if (key.asymmetricKeyType !== 'rsa') throw new ConfigError([`DKIM_PRIVATE_KEY: a ${key.asymmetricKeyType} key; DKIM signs with RSA or Ed25519`]);
  // RFC 8301 §3.2: verifiers must refuse RSA keys under 1024 bits.
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 1024) throw new ConfigError([`DKIM_PRIVATE_KEY: an RSA key of ${bits} bits; receivers refuse keys under 1024 (use 2048)`]);
  return { domain, selector, key, algorithm: 'rsa-sha256' };
}

function readPemFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([`DKIM_PRIVATE_KEY: neither PEM text nor a readable file (${code === 'ENOENT' ? `no file ${path}` : `${code}: ${path}`})`]);
  }
}

/**
 * Receivers count a signature for DMARC only when its d= aligns with the From domain (RFC 7489 §3.1.1,
 * relaxed: the same organisational domain). Signing another domain's mail is allowed — a mismatch is a
 * warning, since the mail still carries a valid signature — but the operator should know.
 */
export function dkimFromMismatch(config: Pick<Config, 'dkim'>, fromAddress: string): string | null {
  if (!config.dkim) return null;
  const fromDomain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1).toLowerCase();
  const d = config.dkim.domain;
  // Without a public-suffix list, "one is the other or a subdomain of it" stands in for "same organisational domain".
  if (fromDomain === d || fromDomain.endsWith(`.${d}`) || d.endsWith(`.${fromDomain}`)) return null;
  return `DKIM_DOMAIN ${d} does not match the From domain ${fromDomain} (OUTGOING_FROM): mail is signed, but receivers' DMARC checks will not count the signature for ${fromDomain}`;
}
