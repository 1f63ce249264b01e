// An IMAP mailbox named by a URL (RFC 5092, loosely): imap:// or imaps://user:password@host:port/MAILBOX.
// The user and password are URL-decoded (a provider login is often an address: `desk%40example.com`);
// the mailbox defaults to INBOX. The password never appears in what `withoutPassword` or `identity` give.

export interface ImapAccount {
  /** imaps: TLS from the first byte (port 993); imap: plain, upgraded with STARTTLS when offered (port 143). */
  secure: boolean;
  host: string;
  port: number;
  user: string;
  password: string;
  mailbox: string;
}

/**
 * The account, or a sentence saying what is wrong with the URL (never quoting the password).
 * `password: 'none'`: the account signs in another way (OAuth 2.0), so the URL must not carry one and
 * `password` is ''.
 */
export function parseImapUrl(text: string, { password = 'required' }: { password?: 'required' | 'none' } = {}): ImapAccount | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be a URL like imaps://user:password@imap.example.com:993/INBOX';
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') return 'must start with imap:// or imaps://';
  if (!url.hostname) return 'must name a host';
  if (!url.username) return 'must name a user (imaps://user:password@host/INBOX)';
  if (password === 'required' && !url.password) return 'must carry a password (imaps://user:password@host/INBOX)';
  if (password === 'none' && url.password) return 'must not carry a password when the mailbox signs in with OAuth 2.0 (imaps://user@host/INBOX)';
  if (url.search || url.hash) return 'must not have a query or fragment';
  try {
    const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
    const secure = url.protocol === 'imaps:';
    return {
      secure,
      host: url.hostname.replace(/^\[|\]$/g, '').toLowerCase(),
      port: url.port ? Number(url.port) : secure ? 993 : 143,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      mailbox,
    };
  } catch {
    return 'has a malformed %-escape in its user, password or mailbox';
  }
}

const hostPart = (account: ImapAccount) => (account.host.includes(':') ? `[${account.host}]` : account.host);
const base = (account: ImapAccount, password: string | null) =>
  `${account.secure ? 'imaps' : 'imap'}://${encodeURIComponent(account.user)}${password === null ? '' : `:${password}`}@${hostPart(account)}:${account.port}/${encodeURIComponent(account.mailbox)}`;

/** What may be shown and logged: the URL with the password masked (none at all for an account without one). */
export const imapUrlWithoutPassword = (account: ImapAccount) => base(account, account.password === '' ? null : '*****');

/**
 * Which mailbox this is, whoever configured it: the same account and folder on the same server is the same
 * mailbox (its lock, its stored UIDs), whatever the password. The scheme does not count (imap and imaps
 * reach the same folder).
 */
export const imapMailboxIdentity = (account: ImapAccount) =>
  `${encodeURIComponent(account.user.toLowerCase())}@${hostPart(account)}:${account.port}/${encodeURIComponent(account.mailbox)}`;

/** The URL back, password included: what a reader connects with. */
export const imapUrlOf = (account: ImapAccount) => base(account, encodeURIComponent(account.password));
