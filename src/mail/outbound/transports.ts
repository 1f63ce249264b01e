// Which way each outbox row goes out, decided per row (issue 8): the instance relay (OUTGOING_SMTP_URL) —
// or kept for the mail viewer when there is none — or, for a row written to go through its project's own
// SMTP account (`sender_account = project`, SD-98), that account, read afresh for every attempt (with its
// password, or XOAUTH2 and an access token from ctx.oauth2). Built once in context.ts; deliver-job.ts asks
// it and knows nothing of where the relay or the accounts are.
import { outgoingAddress } from '../../app/mail-identity.ts';
import type { ProjectSmtpAccount } from '../../app/custom-email/project-smtp-account.ts';
import type { Config } from '../../config/config.ts';
import type { OutboundMessageRow } from '../../db/schema/outbound-messages.ts';
import type { AccessTokens } from '../oauth2/access-tokens.ts';
import { accountTarget, relayTarget, SmtpConnectionPool, sendRaw, type SmtpTarget } from './smtp-sender.ts';

export interface Transport {
  /** For the log and the row's error: `relay` or `project SMTP account smtp.example.com:587`. */
  label: string;
  /** The project's own account: its failures say something about the account, not the recipient. */
  projectAccount: boolean;
  send(to: string, raw: string, timeoutMs?: number): Promise<string>;
}

export type TransportChoice =
  | { kind: 'send'; transport: Transport }
  /** No relay configured: the message is kept for the mail viewer. */
  | { kind: 'keep' }
  /** The row must go through an account that is gone or cannot be opened: it cannot go out at all. */
  | { kind: 'unavailable'; reason: string };

export interface Transports {
  forRow(row: Pick<OutboundMessageRow, 'id' | 'project_id' | 'sender_account'>): Promise<TransportChoice>;
  /** Closes the relay connections kept open between mails. */
  close(): void;
}

export function createTransports(
  config: Pick<Config, 'outgoingSmtpUrl' | 'outgoingFrom'>,
  findAccount: (projectId: number) => Promise<ProjectSmtpAccount | null>,
  /** Access tokens for an account that signs in with OAuth 2.0 (XOAUTH2). */
  tokens: AccessTokens,
  /** The VERP envelope sender of a row sent through the relay (app/outbound/bounce-address.ts). */
  returnPath: (outboundId: number) => string = () => outgoingAddress(config),
): Transports {
  // Every thank-you and comment goes through the relay: its connections are kept for the next mail.
  const relay = config.outgoingSmtpUrl ? new SmtpConnectionPool(relayTarget(config.outgoingSmtpUrl)) : null;
  return {
    close: () => relay?.close(),
    async forRow(row) {
      // Through the relay a bounce comes home to the row's own return path; a project's account sends with
      // its own address as the envelope sender (providers refuse any other).
      if (row.sender_account !== 'project') return relay ? { kind: 'send', transport: relayTransport(relay, returnPath(row.id)) } : { kind: 'keep' };
      if (row.project_id === null) return { kind: 'unavailable', reason: 'the mail names no project whose SMTP account it could use' };
      let found: ProjectSmtpAccount | null;
      try {
        found = await findAccount(row.project_id);
      } catch (error) {
        return { kind: 'unavailable', reason: `the project's SMTP account cannot be used: ${(error as Error).message}` };
      }
      if (!found) return { kind: 'unavailable', reason: "the project's SMTP account was removed (custom email reset) before the mail went out" };
      const { account, address } = found;
      return { kind: 'send', transport: accountTransport(`project SMTP account ${account.host}:${account.port}`, accountTarget(account, tokens), address) };
    },
  };
}

/** SD-91: a project's account gets GitLab's 7 s read timeout; the instance relay the sender's generous default. */
const ACCOUNT_TIMEOUT_MS = 7_000;

function relayTransport(pool: SmtpConnectionPool, envelopeFrom: string): Transport {
  return { label: 'relay', projectAccount: false, send: (to, raw, timeoutMs) => pool.send({ from: envelopeFrom, to }, raw, timeoutMs) };
}

/** A project's account is read afresh for every mail (its password may change), so each opens its own connection. */
function accountTransport(label: string, target: SmtpTarget, envelopeFrom: string): Transport {
  return { label, projectAccount: true, send: (to, raw, timeoutMs) => sendRaw(target, { from: envelopeFrom, to }, raw, timeoutMs ?? ACCOUNT_TIMEOUT_MS) };
}
