// Stage 1b: who really sent this mail (DESIGN §2: parse → authenticate → screen → route). Decides which
// source to believe, then returns one verdict for the message:
// - a relay we trust stamped it: the topmost `Authentication-Results` of TRUSTED_AUTHSERV_ID, when the mail
//   came over SMTP from TRUSTED_RELAY_NETWORKS, or through the HTTP endpoint, an IMAP mailbox or the CLI
//   (all three are fed by something the operator set up: an MTA, a provider's mailbox);
// - otherwise Postdesk checks it itself: SPF from the SMTP session's facts when the client was the
//   sender's own server, DKIM always, DMARC from both.
// Runs in the ingest job, never in the SMTP callback: DNS has no place between DATA and our 250.
import type { RawBytes } from '../../app/inbound/raw-message.ts';
import type { InboundChannel } from '../../db/schema/inbound-messages.ts';
import { dnsDomainOf, type MailAuthentication } from '../../domain/mail-authentication.ts';
import { trustedVerdict } from './authentication-results.ts';
import type { ParsedMessage } from './parsed-message.ts';
import type { SmtpFacts, Verdict } from './verify-sender.ts';

export interface AuthenticationPolicy {
  trustedAuthservId: string | null;
  /** Whether an SMTP client's address is one of TRUSTED_RELAY_NETWORKS. */
  isTrustedRelay(ip: string | null): boolean;
  /** Postdesk's own check (verify-sender.ts); the ingest job runs it in a worker thread (stage-workers.ts). */
  verify(raw: RawBytes, smtp: SmtpFacts | null): Promise<Verdict>;
}

export interface ReceivedFacts {
  channel: InboundChannel;
  /** The SMTP session, when the mail came over SMTP (and was stored with it). */
  smtp: SmtpFacts | null;
}

export async function authenticateMessage(
  raw: RawBytes,
  message: ParsedMessage,
  facts: ReceivedFacts,
  policy: AuthenticationPolicy,
): Promise<MailAuthentication> {
  // A relay, a mailbox or a pipe stands between the sender and us: its address says nothing of the sender.
  const relayed = facts.channel !== 'smtp' || !facts.smtp || policy.isTrustedRelay(facts.smtp.ip);
  if (relayed && policy.trustedAuthservId) {
    const stamped = trustedVerdict(message.headers, policy.trustedAuthservId, dnsDomainOf(message.from));
    if (stamped) return stamped;
  }
  try {
    const verdict = await policy.verify(raw, relayed ? null : facts.smtp);
    return { ...verdict, source: 'postdesk' };
  } catch {
    // A verifier that trips over odd input, or runs over its time or memory budget, is our failure, not the
    // sender's: temperror, which never counts against anyone, and the mail goes on to be routed like any other.
    return { dkim: 'temperror', spf: 'temperror', dmarc: 'temperror', source: 'postdesk', domain: dnsDomainOf(message.from), dmarc_policy: null };
  }
}
