// Random tokens and the hashes we keep of them and of passwords. Nothing secret is ever stored in clear.
import { createHash, randomBytes } from 'node:crypto';

/** argon2 (a native library) loads at the first password: a running server that nobody signs in to need not hold it. */
const argon2 = () => import('@node-rs/argon2');

/** 256 random bits, base64url, with a prefix that makes a leaked token recognisable to secret scanners. */
export const newToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

/** Tokens are long random strings, so SHA-256 resists guessing and keeps lookups indexable. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's baseline. */
export const hashPassword = async (password: string) => (await argon2()).hash(password);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await (await argon2()).verify(passwordHash, password);
  } catch {
    return false;
  }
}

export const randomPassword = () => randomBytes(18).toString('base64url');
