// Secrets Postdesk must read back (a mailbox's IMAP password, a project's SMTP password) are stored
// sealed with SECRET_KEY: AES-256-GCM under a key derived from SECRET_KEY by HKDF-SHA256, a fresh 96-bit
// nonce per value, and the purpose as associated data, so a sealed value moved to another column or row
// kind does not open. The format is versioned (`v1:nonce:ciphertext:tag`, base64url) so the scheme can
// change without guessing. Never log what `open` returns; errors here never quote a secret.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What a sealed value is for; bound into the ciphertext. */
export type SecretPurpose = 'imap_password' | 'smtp_password' | 'oauth2_client_secret' | 'oauth2_refresh_token' | 'oauth2_access_token';

export interface SecretBox {
  seal(plaintext: string, purpose: SecretPurpose): string;
  open(sealed: string, purpose: SecretPurpose): string;
}

const VERSION = 'v1';

export function createSecretBox(secretKey: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secretKey, 'utf8'), 'postdesk', 'postdesk stored secrets v1', 32));
  return {
    seal(plaintext, purpose) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(purpose));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, nonce, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join(':');
    },
    open(sealed, purpose) {
      const [version, nonce, ciphertext, tag] = sealed.split(':');
      if (version !== VERSION || nonce === undefined || ciphertext === undefined || tag === undefined) {
        throw new Error(`A stored secret is in an unknown format (${version ?? 'empty'}); it cannot be read`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
        decipher.setAAD(Buffer.from(purpose));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('A stored secret does not open with this SECRET_KEY (was it changed?); enter the password again');
      }
    },
  };
}
