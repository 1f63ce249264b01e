import assert from 'node:assert/strict';
import { it } from 'node:test';
import { obfuscateEmail, obfuscateEmailsInText } from './obfuscate-email.ts';

it('masks addresses as GitLab does (SD-87)', () => {
  assert.equal(obfuscateEmail('user@example.com'), 'us*****@e*****.c**');
  assert.equal(obfuscateEmail('a@b.co'), 'aa*****@b*****.c**');
  assert.equal(obfuscateEmail(''), '');
  assert.equal(obfuscateEmail('not-an-address'), 'n*****');
});

it('masks addresses inside text and leaves the rest', () => {
  assert.equal(obfuscateEmailsInText('removed jane.doe@corp.example.org (unsubscribed)'), 'removed ja*****@c*****.o** (unsubscribed)');
});
