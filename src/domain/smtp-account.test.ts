import assert from 'node:assert/strict';
import { it } from 'node:test';
import { smtpHostProblem, smtpPasswordProblem, smtpPortProblem, smtpUsernameProblem } from './smtp-account.ts';

it('SD-91: validates the SMTP account', () => {
  for (const host of ['smtp.gmail.com', 'mail.acme.io', '10.0.0.5', 'smtp-relay'])
    assert.equal(smtpHostProblem(host, false), null, `${host} is fine (a self-managed instance may use its LAN)`);
  for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', 'db.localhost', '', 'a b', '999.1.1.1', `${'a'.repeat(256)}.io`])
    assert.notEqual(smtpHostProblem(host, false), null, `${host} is refused`);
  assert.equal(smtpHostProblem('127.0.0.1', true), null, 'the loopback where the instance allows it');
  assert.equal(smtpPortProblem(587), null);
  for (const port of [0, -1, 65536, 2.5]) assert.notEqual(smtpPortProblem(port), null, `port ${port}`);
  assert.equal(smtpUsernameProblem('desk@acme.io'), null);
  assert.notEqual(smtpUsernameProblem(''), null);
  assert.notEqual(smtpUsernameProblem('u'.repeat(256)), null);
  assert.notEqual(smtpPasswordProblem('1234567'), null, 'a 7-character password');
  assert.equal(smtpPasswordProblem('12345678'), null);
  assert.notEqual(smtpPasswordProblem('x'.repeat(129)), null);
});
