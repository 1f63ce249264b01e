// Step one of configuration: pick the raw strings Postdesk reads out of the environment, and nothing else.
// Validation and defaults live in config.ts, so this file never throws.

export const ENV_VARIABLES = [
  'HOST',
  'PORT',
  'PUBLIC_URL',
  'DATA_DIR',
  'DATABASE_URL',
  'SMTP_LISTEN_HOST',
  'SMTP_LISTEN_PORT',
  'INCOMING_EMAIL_ADDRESS',
  'SERVICE_DESK_ALIAS_ADDRESS',
  'OUTGOING_SMTP_URL',
  'OUTGOING_FROM',
  'CUSTOM_EMAIL_ALLOW_LOOPBACK_SMTP',
  'IMAP_URL',
  'IMAP_MOVE_TO',
  'OAUTH2_ALLOW_HTTP_TOKEN_URL',
  'INBOUND_WEBHOOK_SECRET',
  'TRUSTED_AUTHSERV_ID',
  'TRUSTED_RELAY_NETWORKS',
  'SECRET_KEY',
  'POSTDESK_ROOT_PASSWORD',
  'POSTDESK_ROOT_TOKEN',
  'MAX_MESSAGE_BYTES',
  'PARSE_TIMEOUT_MS',
  'PARSE_MEMORY_MB',
  'RATE_LIMIT_NEW_TICKETS_PER_SENDER_HOUR',
  'RATE_LIMIT_REPLIES_PER_SENDER_HOUR',
  'RATE_LIMIT_AUTO_MAILS_PER_RECIPIENT_HOUR',
  'DKIM_DOMAIN',
  'DKIM_SELECTOR',
  'DKIM_PRIVATE_KEY',
  'LOG_LEVEL',
  'TRUST_PROXY',
] as const;

export type EnvVariable = (typeof ENV_VARIABLES)[number];
export type RawEnv = Partial<Record<EnvVariable, string>>;

/** Copies the known variables; an empty string counts as unset, as shells make it easy to export one. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): RawEnv {
  const raw: RawEnv = {};
  for (const name of ENV_VARIABLES) {
    const value = source[name];
    if (value !== undefined && value.trim() !== '') raw[name] = value.trim();
  }
  return raw;
}
