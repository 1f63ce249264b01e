// Postdesk's own DKIM / SPF / DMARC check of a received mail, with mailauth (RFC 6376, 7208, 7489).
// SPF needs the SMTP connection (client address, HELO, MAIL FROM), so it is checked only for mail that came
// straight from the sender's server; for mail handed over by a relay, a mailbox or a pipe the connection is
// not the sender's and SPF is `none`, and DMARC rests on DKIM alignment alone. Every DNS lookup goes
// through the injected resolver (bounded and cached, mail/dns-resolver.ts).
import { Readable } from 'node:stream';
// The three checks alone, not mailauth's index (which loads ARC, BIMI and signing too): ~8 MB less in each
// parsing worker thread. mailauth publishes these paths with their own types.
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { dmarc } from 'mailauth/lib/dmarc/index.js';
import { spf } from 'mailauth/lib/spf/index.js';
import type { RawBytes } from '../../app/inbound/raw-message.ts';
import {
  combineDkim,
  dnsDomainOf,
  toAuthResult,
  toDmarcPolicy,
  type AuthResult,
  type DmarcPolicy,
  type MailAuthentication,
} from '../../domain/mail-authentication.ts';
import type { DnsResolve } from '../dns-resolver.ts';

/** What the SMTP session said about the sender's server, stored with the message when it was accepted. */
export interface SmtpFacts {
  ip: string;
  helo: string | null;
  /** The MAIL FROM address; empty or null for a null reverse-path (`<>`, bounces). */
  mailFrom: string | null;
}

export interface VerifyOptions {
  resolver: DnsResolve;
  /** Our host name, named in mailauth's comments. */
  mta: string;
}

export type Verdict = Omit<MailAuthentication, 'source'>;

export async function verifySender(raw: RawBytes, smtp: SmtpFacts | null, options: VerifyOptions): Promise<Verdict> {
  const { resolver, mta } = options;
  // A mail in pieces (over 1 MiB) is streamed to the DKIM check, which hashes it as it comes.
  const dkimResult = await dkimVerify(Buffer.isBuffer(raw) ? raw : Readable.from(raw), { resolver });
  const signatures = dkimResult.results ?? [];
  const dkim = combineDkim(signatures.map((r) => toAuthResult(r.status.result)));
  const spfResult =
    smtp && (smtp.mailFrom || smtp.helo) ? await spf({ ip: smtp.ip, helo: smtp.helo ?? undefined, sender: smtp.mailFrom || undefined, mta, resolver }) : null;
  const spfVerdict = spfResult ? toAuthResult(spfResult.status.result) : 'none';

  const domains = [...new Set(dkimResult.headerFrom.map(dnsDomainOf).filter((d): d is string => d !== null))];
  if (domains.length === 0) return { dkim, spf: spfVerdict, dmarc: 'none', domain: null, dmarc_policy: null };
  // RFC 7489 §6.6.1: with several From domains each is checked, and the mail fails when one of them fails —
  // else a forger could add a second From to slip past the first one's policy.
  const checks = await Promise.all(
    domains.map((domain) =>
      dmarc({
        headerFrom: `postmaster@${domain}`,
        spfDomains: spfResult && spfVerdict === 'pass' ? [spfResult.domain] : [],
        dkimDomains: signatures
          .filter((r) => r.status.result === 'pass')
          .map((r) => ({ id: r.id, domain: r.signingDomain, aligned: r.status.aligned, underSized: r.status.underSized })),
        resolver,
      }),
    ),
  );
  const outcomes = checks.map((check): { dmarc: AuthResult; policy: DmarcPolicy | null } =>
    // RFC 7489 §6.6.3: a record whose p= is missing or unknown is treated as p=none.
    check
      ? { dmarc: toAuthResult(check.status.result), policy: check.policy ? (toDmarcPolicy(check.policy) ?? 'none') : null }
      : { dmarc: 'permerror', policy: null },
  );
  // The most damning outcome speaks for the mail: a failure under reject, then quarantine, then any failure.
  const severity = (o: (typeof outcomes)[number]) => (o.dmarc !== 'fail' ? 0 : o.policy === 'reject' ? 3 : o.policy === 'quarantine' ? 2 : 1);
  const worst = outcomes.reduce((a, b) => (severity(b) > severity(a) ? b : a));
  return { dkim, spf: spfVerdict, dmarc: worst.dmarc, domain: domains[0]!, dmarc_policy: worst.dmarc === 'fail' ? (worst.policy ?? 'none') : worst.policy };
}
