// Who really sent a mail: the DKIM / SPF / DMARC verdict kept with every received message (issue 8), and
// the one rule built on it. A verdict never proves a sender innocent; it can only show a forgery that the
// sender's own domain asked receivers to treat as one (DMARC `p=quarantine` or `p=reject`).

/** RFC 8601 §2.7 results, as Postdesk reports them for each of DKIM, SPF and DMARC. */
export const AUTH_RESULTS = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'] as const;
export type AuthResult = (typeof AUTH_RESULTS)[number];

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface MailAuthentication {
  dkim: AuthResult;
  spf: AuthResult;
  dmarc: AuthResult;
  /** `postdesk`: verified here with mailauth; `trusted_relay`: the Authentication-Results of TRUSTED_AUTHSERV_ID. */
  source: 'postdesk' | 'trusted_relay';
  /** The From domain, lower-case; null when the mail has no usable From. */
  domain: string | null;
  /**
   * What the From domain asks receivers to do with mail that fails DMARC; null when it is not known (a
   * relay that reported `dmarc=fail` without saying the policy).
   */
  dmarc_policy: DmarcPolicy | null;
}

/**
 * True when the From domain publishes an enforcing DMARC policy and this mail fails it: the From address is
 * forged, as far as anyone can tell. Such a mail must not be threaded by guessable signals (References,
 * In-Reply-To) nor answered automatically. `none` and `temperror` never count: missing or unreachable DNS
 * is no evidence. A relay's `dmarc=fail` without a stated policy counts, since that relay chose to say fail.
 */
export const isForgedSender = (auth: MailAuthentication | null | undefined): boolean => auth?.dmarc === 'fail' && auth.dmarc_policy !== 'none';

/** A result word from mailauth or a relay's header, in the vocabulary above (RFC 8601 §2.7; RFC 7208's `hardfail` is `fail`). */
export function toAuthResult(word: string | null | undefined): AuthResult {
  const lower = (word ?? '').trim().toLowerCase();
  if ((AUTH_RESULTS as readonly string[]).includes(lower)) return lower as AuthResult;
  if (lower === 'hardfail') return 'fail';
  // DKIM `policy`: a signature that verified but is unacceptable here (a weak key): not a pass.
  if (lower === 'policy') return 'fail';
  if (lower === '') return 'none';
  return 'neutral';
}

/** Several DKIM signatures: one that passes is enough (RFC 6376 §6.1); else the most telling of the rest. */
export function combineDkim(results: AuthResult[]): AuthResult {
  const order: AuthResult[] = ['pass', 'fail', 'permerror', 'temperror', 'softfail', 'neutral', 'none'];
  return order.find((r) => results.includes(r)) ?? 'none';
}

export const toDmarcPolicy = (word: string | null | undefined): DmarcPolicy | null => {
  const lower = (word ?? '').trim().toLowerCase();
  return lower === 'none' || lower === 'quarantine' || lower === 'reject' ? lower : null;
};

/** The lower-case domain of an address, or null when there is no domain worth a DNS question. */
export function dnsDomainOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const domain = address
    .slice(address.lastIndexOf('@') + 1)
    .trim()
    .replace(/\.$/, '')
    .toLowerCase();
  return address.includes('@') && /^[\p{L}\p{N}_-]+(\.[\p{L}\p{N}_-]+)+$/u.test(domain) ? domain : null;
}
