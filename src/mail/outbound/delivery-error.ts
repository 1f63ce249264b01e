// Whether a failed SMTP delivery may be tried again, decided from the reply code first (RFC 5321 §4.2):
// 5yz is permanent — except 503 (bad sequence of commands), which says more about the session than the
// message — 4yz and network failures are transient. A connection that dies after the message body
// started (after DATA's 354) may or may not have delivered it: `uncertain`, not blindly sent again.

export type DeliveryVerdict = 'permanent' | 'transient' | 'uncertain';

export interface SmtpFailure {
  responseCode?: number;
  code?: string;
  message?: string;
}

export function classifyDeliveryError(error: SmtpFailure, bodyStarted: boolean): DeliveryVerdict {
  const reply = error.responseCode;
  if (typeof reply === 'number' && reply >= 500 && reply < 600) return reply === 503 ? 'transient' : 'permanent';
  if (typeof reply === 'number' && reply >= 400 && reply < 500) return 'transient';
  // Our own refusal to even try (bad address syntax in the envelope) will not change on retry.
  if (error.code === 'EENVELOPE' && reply === undefined) return 'permanent';
  // No reply code: the network or the peer failed. Before the body, nothing was delivered.
  return bodyStarted ? 'uncertain' : 'transient';
}

/** The server refused our login (RFC 4954: 535 bad credentials, 534 mechanism too weak, 530 auth required). */
export function isLoginRefusal(error: SmtpFailure): boolean {
  return error.code === 'EAUTH' || error.responseCode === 535 || error.responseCode === 534 || error.responseCode === 530;
}

/**
 * SD-94: what a failed verification mail says about the account. A refused login is `invalid_credentials`;
 * a server that stopped answering, `read_timeout`; anything else (refused connection, TLS, a 4yz/5yz
 * answer) `smtp_host_issue`.
 */
export function verificationErrorOf(error: SmtpFailure): 'invalid_credentials' | 'read_timeout' | 'smtp_host_issue' {
  if (isLoginRefusal(error)) return 'invalid_credentials';
  if (error.code === 'ETIMEDOUT') return 'read_timeout';
  return 'smtp_host_issue';
}
