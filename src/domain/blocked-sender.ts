// Blocked senders (issue 9): per project, addresses and domains whose mail is recorded `ignored:
// blocked_sender` and answered with nothing. An entry is stored in one canonical, lower-case form: an
// address (`spam@example.com`) or a bare domain (`example.com`, written `@example.com` or `example.com`).
// A domain blocks its subdomains too (`example.com` blocks `a@mail.example.com`): senders move between
// hosts of one domain, and a maintainer who means one host writes that host. A bare top-level domain
// (`com`) is no entry. Matching is a lookup of every candidate form of an address, so it needs an index only.
import { isMailboxAddress } from './mailbox-address.ts';

export type BlockedSenderKind = 'address' | 'domain';

export interface BlockedSenderEntry {
  kind: BlockedSenderKind;
  /** Lower-case; a domain without its `@`. */
  value: string;
}

export const MAX_BLOCKED_SENDER_NOTE = 500;

/** The entry an agent's text means, or a problem to show them. */
export function parseBlockedSender(input: string): BlockedSenderEntry | { problem: string } {
  const text = input.trim().toLowerCase().replace(/\.$/, '');
  if (text === '') return { problem: 'must be an address or a domain' };
  const at = text.lastIndexOf('@');
  if (at > 0) {
    return isMailboxAddress(text) ? { kind: 'address', value: text } : { problem: 'is not an ordinary mailbox address' };
  }
  const domain = at === 0 ? text.slice(1) : text;
  // A domain is what follows `@` in a mailbox address; the probe's local part is any valid one.
  return isMailboxAddress(`x@${domain}`) ? { kind: 'domain', value: domain } : { problem: 'is not a domain with at least two labels (example.com)' };
}

/**
 * Every stored value that blocks `address`: the address itself, its domain and each parent domain with at
 * least two labels (`a@x.example.com` → `a@x.example.com`, `x.example.com`, `example.com`).
 */
export function blockingValues(address: string): string[] {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return [];
  const labels = lower
    .slice(at + 1)
    .replace(/\.$/, '')
    .split('.');
  const domains = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
  return [lower, ...domains];
}

/** The domain part of an address, lower-case (for "block the whole domain" from a message). */
export function domainOf(address: string): string | null {
  const at = address.lastIndexOf('@');
  return at > 0 ? address.slice(at + 1).toLowerCase() : null;
}

/** How an entry reads in a reason: `address spam@example.com` or `domain example.com`. */
export const describeEntry = (entry: BlockedSenderEntry) => `${entry.kind} ${entry.value}`;
