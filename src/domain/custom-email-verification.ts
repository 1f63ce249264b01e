// Verifying a project's own address (SD-93…SD-97): Postdesk sends a token through the project's SMTP account
// to `<local>+verify@<domain>`; the provider forwards it to the project's address; the mail that comes back
// decides. Pure: the checks in SD-95's order, the state machine of SD-96 and the address forms.

export type CustomEmailState = 'started' | 'finished' | 'failed';

/** SD-96, in the catalog's order (its numbers are the index). */
export const CUSTOM_EMAIL_ERRORS = [
  'incorrect_token',
  'incorrect_from',
  'mail_not_received_within_timeframe',
  'invalid_credentials',
  'smtp_host_issue',
  'read_timeout',
  'incorrect_forwarding_target',
] as const;
export type CustomEmailError = (typeof CUSTOM_EMAIL_ERRORS)[number];

/** SD-96: TIMEFRAME = 30 minutes. */
export const VERIFICATION_TIMEFRAME_MS = 30 * 60_000;

/** SD-93: 12 characters; the mail carries `Verification token: <token>`. */
export const VERIFICATION_TOKEN_LENGTH = 12;
const TOKEN_LINE = /Verification token: ([A-Za-z0-9_-]{12})(?![A-Za-z0-9_-])/;

/** `support@acme.io` → `support+verify@acme.io`. */
export function verificationAddress(customEmail: string): string {
  const at = customEmail.lastIndexOf('@');
  return `${customEmail.slice(0, at)}+verify${customEmail.slice(at)}`;
}

/** A sub-address of a custom address, `<local>+<suffix>@<domain>`, split; null when the address has no `+`. */
export function splitSubaddress(address: string): { base: string; suffix: string } | null {
  const bare = address.trim().toLowerCase().replace(/^<|>$/g, '');
  const match = /^([^@+]+)\+([^@]*)@([^@]+)$/.exec(bare);
  return match ? { base: `${match[1]}@${match[3]}`, suffix: match[2]! } : null;
}

export const tokenInBody = (body: string): string | null => TOKEN_LINE.exec(body)?.[1] ?? null;

export interface VerificationMailFacts {
  startedAt: Date;
  receivedAt: Date;
  /** It was forwarded to an alias address only, or to another project's address (SD-95 step 2). */
  wrongForwardingTarget: boolean;
  /** The first From, lower-cased. */
  from: string | null;
  /** DMARC says the From is forged (domain/mail-authentication.ts): it does not count as the custom address. */
  fromForged: boolean;
  customEmail: string;
  /** The token in the body, if any. */
  token: string | null;
  /** Compares in constant time; the stored form is a hash. */
  tokenMatches(token: string): boolean;
}

/** SD-95: the checks in order; the first that fails names the error, else the address is verified. */
export function judgeVerificationMail(facts: VerificationMailFacts): { state: 'finished' } | { state: 'failed'; error: CustomEmailError } {
  const elapsed = facts.receivedAt.getTime() - facts.startedAt.getTime();
  if (elapsed > VERIFICATION_TIMEFRAME_MS) return { state: 'failed', error: 'mail_not_received_within_timeframe' };
  if (facts.wrongForwardingTarget) return { state: 'failed', error: 'incorrect_forwarding_target' };
  if (facts.from !== facts.customEmail || facts.fromForged) return { state: 'failed', error: 'incorrect_from' };
  if (facts.token === null || !facts.tokenMatches(facts.token)) return { state: 'failed', error: 'incorrect_token' };
  return { state: 'finished' };
}

/** SD-96: any → started; started → finished; any → failed. */
export function canMoveTo(from: CustomEmailState | null, to: CustomEmailState): boolean {
  if (to === 'finished') return from === 'started';
  return true;
}
