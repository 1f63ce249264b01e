import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forwardingGuidance, verificationMail, verificationResultMail } from './custom-email-mails.ts';
import { CUSTOM_EMAIL_ERRORS, tokenInBody } from './custom-email-verification.ts';

const FACTS = {
  customEmail: 'support@acme.io',
  projectName: 'Shop',
  projectPath: 'acme/shop',
  forwardTo: 'incoming+acme-shop-7-issue-@desk.test',
  settingsUrl: 'https://desk.test/projects/acme%2Fshop/settings/service_desk',
};

it('SD-93: the verification mail names the address and project and carries the token line the check reads', () => {
  const mail = verificationMail(FACTS, 'ABCdef123456');
  assert.match(mail.subject, /support@acme\.io/);
  assert.match(mail.subject, /Shop/);
  assert.equal(tokenInBody(mail.text), 'ABCdef123456');
});

it('SD-97: one explanation per error; the timeframe one mentions 30 minutes, the target one the right address', () => {
  const texts = CUSTOM_EMAIL_ERRORS.map((error) => verificationResultMail(FACTS, error).text);
  assert.equal(new Set(texts).size, CUSTOM_EMAIL_ERRORS.length, 'each error explained differently');
  for (const [i, error] of CUSTOM_EMAIL_ERRORS.entries()) assert.ok(texts[i]!.includes(`(${error})`), `${error} named`);
  assert.match(verificationResultMail(FACTS, 'mail_not_received_within_timeframe').text, /30 minutes/);
  assert.match(verificationResultMail(FACTS, 'mail_not_received_within_timeframe').text, /support\+verify@acme\.io/);
  assert.ok(verificationResultMail(FACTS, 'incorrect_forwarding_target').text.includes(FACTS.forwardTo), 'the right target');
  const success = verificationResultMail(FACTS, null);
  assert.match(success.subject, /verified/);
  assert.ok(success.text.includes(FACTS.settingsUrl), 'links to the settings to switch it on');
});

it('SD-101: the guidance names the forwarding target and sub-addressing', () => {
  const text = forwardingGuidance(FACTS.customEmail, FACTS.forwardTo);
  assert.ok(text.includes(FACTS.forwardTo), 'target');
  assert.match(text, /support\+verify@acme\.io/);
  assert.match(text, /Microsoft 365/);
});
