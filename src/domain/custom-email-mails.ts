// What the mails of a custom address's verification say (SD-93, SD-97): the mail with the token, sent
// through the project's own SMTP account, and the notices to the project's owners and whoever started it.
// Plain text; every value is the maintainers' own (addresses, project name), shown as written.
import type { CustomEmailError } from './custom-email-verification.ts';

export interface VerificationFacts {
  customEmail: string;
  projectName: string;
  projectPath: string;
  /** The incoming-derived project address the provider must forward to (SD-97, SD-101). */
  forwardTo: string;
  settingsUrl: string;
}

/** SD-93: names the address and the project; the body carries the token line the check looks for. */
export function verificationMail(facts: VerificationFacts, token: string): { subject: string; text: string } {
  return {
    subject: `Verify custom email address ${facts.customEmail} for ${facts.projectName}`,
    text: [
      'This email is auto-generated. It verifies the ownership of the entered Service Desk custom email address and',
      'correct functionality of email forwarding.',
      '',
      `Verification token: ${token}`,
      '',
    ].join('\n'),
  };
}

export function verificationTriggeredMail(facts: VerificationFacts): { subject: string; text: string } {
  return {
    subject: `Verification of custom email ${facts.customEmail} for ${facts.projectName} started`,
    text: [
      `Verification of the Service Desk custom email address ${facts.customEmail} for ${facts.projectPath} has started.`,
      '',
      `Postdesk sent a mail with a token through the SMTP account you entered to ${facts.customEmail.replace('@', '+verify@')}.`,
      `Your mail provider must forward it to ${facts.forwardTo}. You will hear of the result within 30 minutes.`,
      '',
      `Settings: ${facts.settingsUrl}`,
      '',
    ].join('\n'),
  };
}

const EXPLANATIONS: Record<CustomEmailError, (facts: VerificationFacts) => string> = {
  incorrect_token: () => 'The verification mail arrived, but it did not carry the token we sent. Start the verification again.',
  incorrect_from: (f) =>
    `The verification mail arrived, but its From was not ${f.customEmail}. The forwarding must keep the original sender; some providers rewrite it.`,
  mail_not_received_within_timeframe: (f) =>
    `We waited 30 minutes and the verification mail did not come back. Check that your provider supports sub-addressing (${f.customEmail.replace('@', '+verify@')} must reach the mailbox) and that it forwards to ${f.forwardTo}.`,
  invalid_credentials: () => 'The SMTP server refused the username or password. Enter the credentials again.',
  smtp_host_issue: () => 'We could not send the verification mail: the SMTP server could not be reached or answered with an error. Check its address and port.',
  read_timeout: () => 'The SMTP server stopped answering while we sent the verification mail. Check its address and port.',
  incorrect_forwarding_target: (f) => `The verification mail was forwarded to the wrong address. Forward mail to ${f.forwardTo} (not the alias address).`,
};

/** SD-97: one explanation per error; success links to the settings where the address is switched on. */
export function verificationResultMail(facts: VerificationFacts, error: CustomEmailError | null): { subject: string; text: string } {
  if (error === null) {
    return {
      subject: `Custom email ${facts.customEmail} for ${facts.projectName} verified`,
      text: [
        `The Service Desk custom email address ${facts.customEmail} for ${facts.projectPath} is verified.`,
        '',
        `Switch it on in the service desk settings: ${facts.settingsUrl}`,
        '',
      ].join('\n'),
    };
  }
  return {
    subject: `Verification of custom email ${facts.customEmail} for ${facts.projectName} failed`,
    text: [
      `Verification of the Service Desk custom email address ${facts.customEmail} for ${facts.projectPath} failed (${error}).`,
      '',
      EXPLANATIONS[error](facts),
      '',
      `Settings: ${facts.settingsUrl}`,
      '',
    ].join('\n'),
  };
}

/** SD-101: what the settings show next to the custom address. */
export function forwardingGuidance(customEmail: string, forwardTo: string): string {
  return [
    `Forward all mail of ${customEmail} to ${forwardTo} (not the alias address), keeping the original From.`,
    `The mailbox must accept sub-addresses (${customEmail.replace('@', '+verify@')}).`,
    'Microsoft 365: forward to the address without a sub-address; Exchange keeps the custom address in To, which is how the project is found.',
  ].join(' ');
}
