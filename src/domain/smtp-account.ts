// A project's own SMTP account (SD-91): where its mail goes out when its custom address is on. How the
// account proves who it is lives in `auth` alone: a password, or OAuth 2.0 credentials (issue 8: Microsoft 365
// and Gmail refuse passwords) whose access tokens the sender presents with AUTH XOAUTH2.

export type SmtpAuthMethod = 'plain' | 'login' | 'cram_md5';

export type SmtpAuth =
  | { kind: 'password'; password: string }
  /** The stored OAuth 2.0 credentials (an oauth2_grants row) whose access tokens sign in. */
  | { kind: 'oauth2'; grantId: number };

export interface SmtpAccount {
  host: string;
  port: number;
  username: string;
  auth: SmtpAuth;
  /** How a password is sent; null: the server's AUTH list decides. Always null with OAuth 2.0 (XOAUTH2). */
  method: SmtpAuthMethod | null;
}

export const SMTP_AUTH_METHODS: readonly SmtpAuthMethod[] = ['plain', 'login', 'cram_md5'];
export const DEFAULT_SMTP_PORT = 587;

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The loopback names and addresses: a server on the machine Postdesk runs on. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || /^127\./.test(h) || h === '::ffff:127.0.0.1';
}

/**
 * SD-91: a host name (or IPv4 address) of at most 255 characters; the loopback only where the instance
 * allows it (a self-managed instance may use its LAN, never by default its own ports: a maintainer could
 * otherwise probe the services of the machine Postdesk runs on).
 */
export function smtpHostProblem(host: string, allowLoopback: boolean): string | null {
  if (host.length === 0 || host.length > 255) return 'must be a host name of at most 255 characters';
  const ip = IPV4.exec(host);
  if (ip ? ip.slice(1).some((octet) => Number(octet) > 255) : !HOSTNAME.test(host)) return 'must be a host name such as smtp.example.com';
  if (!allowLoopback && isLoopbackHost(host)) return 'must not be this machine (localhost)';
  return null;
}

export function smtpPortProblem(port: number): string | null {
  return Number.isInteger(port) && port > 0 && port <= 65535 ? null : 'must be a port number from 1 to 65535';
}

export function smtpUsernameProblem(username: string): string | null {
  return username.length > 0 && username.length <= 255 ? null : 'must be 1 to 255 characters';
}

export function smtpPasswordProblem(password: string): string | null {
  return password.length >= 8 && password.length <= 128 ? null : 'must be 8 to 128 characters';
}
