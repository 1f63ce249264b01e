// Step two of configuration: every variable of INTERFACE.md validated once into one frozen, typed Config.
// A bad value stops start-up with one message per variable, naming it and saying what is wrong.
// Nothing here touches the disk: the generated SECRET_KEY is resolved by the caller (see secret-key.ts).
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseCidrList, type Cidr } from './cidr.ts';
import type { RawEnv } from './env.ts';
import { parseImapUrl, type ImapAccount } from './imap-url.ts';

export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  smtpListen: { host: string; port: number } | null;
  incomingEmailAddress: string;
  serviceDeskAliasAddress: string | null;
  outgoingSmtpUrl: string | null;
  outgoingFrom: string;
  /** A project's own SMTP account may be on this machine (localhost); refused by default (SD-91). */
  customEmailAllowLoopbackSmtp: boolean;
  /** The instance's own mailbox (IMAP_URL), read with IDLE; `moveTo`: where taken mail goes instead of being flagged \Seen. */
  imap: { account: ImapAccount; moveTo: string | null } | null;
  /** OAuth 2.0 token URLs may be plain http (a token service on this host, tests); else https only. */
  oauth2AllowHttpTokenUrl: boolean;
  inboundWebhookSecret: string | null;
  /** The authserv-id whose Authentication-Results header is believed (the topmost such), or null: Postdesk verifies every mail. */
  trustedAuthservId: string | null;
  /** SMTP clients that are relays in front of Postdesk: their mail may carry that header, and their address says nothing of the sender. */
  trustedRelayNetworks: readonly Cidr[];
  secretKey: string | null;
  rootPassword: string | null;
  rootToken: string | null;
  maxMessageBytes: number;
  /** How long reading one mail (parse, or convert its body) may take in its worker thread before it fails `parse_timeout`. */
  parseTimeoutMs: number;
  /** The heap of each parsing worker thread; a mail needing more fails `parse_memory`. */
  parseMemoryMb: number;
  rateLimitNewTicketsPerSenderHour: number;
  rateLimitRepliesPerSenderHour: number;
  rateLimitAutoMailsPerRecipientHour: number;
  /** `privateKey` as configured: PEM text or a path to a PEM file (read and checked by config/dkim-key.ts). */
  dkim: { domain: string; selector: string; privateKey: string } | null;
  logLevel: LogLevel;
  /** Reverse proxies whose X-Forwarded-For names the client (addresses or CIDR ranges); null: the socket's peer is the client. */
  trustProxy: string[] | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const wholeNumber = () => z.coerce.number({ error: 'must be a whole number' });
const port = wholeNumber().int('must be a whole number').min(0, 'must be 0 to 65535').max(65535, 'must be 0 to 65535');
const count = wholeNumber().int('must be a whole number').min(0, 'must be 0 or more');
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );
// RFC 5322 addr-spec, loosely: the %{key} placeholder must sit in the local part (SD-01).
const addressTemplate = z
  .string()
  .regex(/^[^@\s<>]*%\{key\}[^@\s<>]*@[^@\s<>]+$/, 'must be an address with %{key} in the part before @, e.g. support+%{key}@example.com');

const schema = z
  .object({
    HOST: z.string().default('127.0.0.1'),
    PORT: port.default(3000),
    PUBLIC_URL: url(['http:', 'https:']).optional(),
    DATA_DIR: z.string().default('./data'),
    DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
    SMTP_LISTEN_HOST: z.string().default('127.0.0.1'),
    SMTP_LISTEN_PORT: port.default(2525),
    INCOMING_EMAIL_ADDRESS: addressTemplate.default('support+%{key}@localhost'),
    SERVICE_DESK_ALIAS_ADDRESS: addressTemplate.optional(),
    OUTGOING_SMTP_URL: url(['smtp:', 'smtps:']).optional(),
    OUTGOING_FROM: z
      .string()
      .regex(/^(?:[^<>]*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/, 'must be an address, optionally with a name: Name <addr@host>')
      .default('Postdesk <noreply@localhost>'),
    CUSTOM_EMAIL_ALLOW_LOOPBACK_SMTP: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
    IMAP_URL: z
      .string()
      .refine((value) => typeof parseImapUrl(value) !== 'string', { error: (issue) => parseImapUrl(String(issue.input)) as string })
      .optional(),
    IMAP_MOVE_TO: z.string().min(1).optional(),
    OAUTH2_ALLOW_HTTP_TOKEN_URL: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
    INBOUND_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    // RFC 8601 §2.5: an authserv-id is a domain name (or some other token without spaces or semicolons).
    TRUSTED_AUTHSERV_ID: z
      .string()
      .regex(/^[^\s;()"]+$/, 'must be one authserv-id, e.g. mx.example.com (no spaces or semicolons)')
      .optional(),
    TRUSTED_RELAY_NETWORKS: z
      .string()
      .transform((value, ctx) => {
        const ranges = parseCidrList(value);
        if (!ranges) ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of addresses or CIDR ranges, e.g. 127.0.0.0/8,::1,10.1.0.0/16' });
        return ranges ?? [];
      })
      .default(parseCidrList('127.0.0.0/8,::1')!),
    SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    POSTDESK_ROOT_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    POSTDESK_ROOT_TOKEN: z.string().min(20, 'must be at least 20 characters').optional(),
    MAX_MESSAGE_BYTES: wholeNumber().int('must be a whole number').min(1024, 'must be at least 1024').default(26214400),
    PARSE_TIMEOUT_MS: wholeNumber().int('must be a whole number').min(1, 'must be at least 1').default(10000),
    PARSE_MEMORY_MB: wholeNumber().int('must be a whole number').min(32, 'must be at least 32').default(256),
    RATE_LIMIT_NEW_TICKETS_PER_SENDER_HOUR: count.default(30),
    RATE_LIMIT_REPLIES_PER_SENDER_HOUR: count.default(200),
    RATE_LIMIT_AUTO_MAILS_PER_RECIPIENT_HOUR: count.default(20),
    DKIM_DOMAIN: z
      .string()
      .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i, 'must be a domain name, e.g. example.com')
      .optional(),
    // RFC 6376 §3.1: a selector is one or more dot-separated sub-domain labels.
    DKIM_SELECTOR: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?)*$/i, 'must be a selector such as postdesk or mail2024')
      .optional(),
    DKIM_PRIVATE_KEY: z.string().optional(),
    // Sign-in throttles count per client address: behind a proxy, without this every client would share the proxy's.
    TRUST_PROXY: z
      .string()
      .transform((value) => value.split(',').map((part) => part.trim()))
      .refine(
        (parts) => parts.every((part) => /^[0-9A-Fa-f:.]+(?:\/\d{1,3})?$/.test(part) && isIP(part.split('/')[0]!) !== 0),
        'must be a comma-separated list of proxy addresses or CIDR ranges, e.g. 127.0.0.1,10.0.0.0/8',
      )
      .optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' })
      .default('info'),
  })
  .superRefine((env, ctx) => {
    const dkim = [env.DKIM_DOMAIN, env.DKIM_SELECTOR, env.DKIM_PRIVATE_KEY];
    if (dkim.some(Boolean) && !dkim.every(Boolean)) {
      ctx.addIssue({ code: 'custom', path: ['DKIM_DOMAIN'], message: 'DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY must be set together' });
    }
    if (env.IMAP_MOVE_TO && !env.IMAP_URL) ctx.addIssue({ code: 'custom', path: ['IMAP_MOVE_TO'], message: 'needs IMAP_URL' });
    // SD-13: the alias must be a mailbox of its own, or every mail would match twice.
    if (env.SERVICE_DESK_ALIAS_ADDRESS && env.SERVICE_DESK_ALIAS_ADDRESS.toLowerCase() === env.INCOMING_EMAIL_ADDRESS.toLowerCase()) {
      ctx.addIssue({ code: 'custom', path: ['SERVICE_DESK_ALIAS_ADDRESS'], message: 'must differ from INCOMING_EMAIL_ADDRESS' });
    }
  });

export function loadConfig(raw: RawEnv): Config {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'configuration')}: ${issue.message}`));
  }
  const env = parsed.data;
  return Object.freeze({
    host: env.HOST,
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    dataDir: env.DATA_DIR,
    database: env.DATABASE_URL ? { dialect: 'postgres', url: env.DATABASE_URL } : { dialect: 'sqlite', file: `${env.DATA_DIR}/postdesk.sqlite` },
    smtpListen: env.SMTP_LISTEN_PORT === 0 ? null : { host: env.SMTP_LISTEN_HOST, port: env.SMTP_LISTEN_PORT },
    incomingEmailAddress: env.INCOMING_EMAIL_ADDRESS,
    serviceDeskAliasAddress: env.SERVICE_DESK_ALIAS_ADDRESS ?? null,
    outgoingSmtpUrl: env.OUTGOING_SMTP_URL ?? null,
    outgoingFrom: env.OUTGOING_FROM,
    customEmailAllowLoopbackSmtp: env.CUSTOM_EMAIL_ALLOW_LOOPBACK_SMTP === 'true',
    imap: env.IMAP_URL ? { account: parseImapUrl(env.IMAP_URL) as ImapAccount, moveTo: env.IMAP_MOVE_TO ?? null } : null,
    oauth2AllowHttpTokenUrl: env.OAUTH2_ALLOW_HTTP_TOKEN_URL === 'true',
    inboundWebhookSecret: env.INBOUND_WEBHOOK_SECRET ?? null,
    trustedAuthservId: env.TRUSTED_AUTHSERV_ID ?? null,
    trustedRelayNetworks: Object.freeze(env.TRUSTED_RELAY_NETWORKS),
    secretKey: env.SECRET_KEY ?? null,
    rootPassword: env.POSTDESK_ROOT_PASSWORD ?? null,
    rootToken: env.POSTDESK_ROOT_TOKEN ?? null,
    maxMessageBytes: env.MAX_MESSAGE_BYTES,
    parseTimeoutMs: env.PARSE_TIMEOUT_MS,
    parseMemoryMb: env.PARSE_MEMORY_MB,
    rateLimitNewTicketsPerSenderHour: env.RATE_LIMIT_NEW_TICKETS_PER_SENDER_HOUR,
    rateLimitRepliesPerSenderHour: env.RATE_LIMIT_REPLIES_PER_SENDER_HOUR,
    rateLimitAutoMailsPerRecipientHour: env.RATE_LIMIT_AUTO_MAILS_PER_RECIPIENT_HOUR,
    dkim:
      env.DKIM_DOMAIN && env.DKIM_SELECTOR && env.DKIM_PRIVATE_KEY
        ? { domain: env.DKIM_DOMAIN.toLowerCase(), selector: env.DKIM_SELECTOR, privateKey: env.DKIM_PRIVATE_KEY }
        : null,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY ?? null,
  } satisfies Config);
}
