// Who our mail comes from and which host names our message ids: derived once from the configuration.
import addressparser from 'nodemailer/lib/addressparser';
import type { Config } from '../config/config.ts';
import { randomBytes } from 'node:crypto';

/** The bare address of OUTGOING_FROM. */
export function outgoingAddress(config: Pick<Config, 'outgoingFrom'>): string {
  return addressparser(config.outgoingFrom, { flatten: true })[0]?.address ?? 'noreply@localhost';
}

/** The host in our Message-IDs and `reply-<key>@host` references: PUBLIC_URL's host name. */
export const mailHost = (config: Pick<Config, 'publicUrl'>) => new URL(config.publicUrl).hostname;

export const newMessageId = (host: string) => `<${randomBytes(16).toString('hex')}@${host}>`;
