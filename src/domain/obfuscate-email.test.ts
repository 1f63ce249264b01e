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
  assert.equal(
    obfuscateEmailsInText('Mail <carol@example.com>, "x@y.io"; or `z@q.dev`.'),
    'Mail <ca*****@e*****.c**>, "xx*****@y*****.i**"; or `zz*****@q*****.d**`.',
  );
  assert.equal(obfuscateEmailsInText('cc @alice and @bob: done'), 'cc @alice and @bob: done', 'mentions are not addresses');
});

// Each of these once went through the mask in clear (the old pattern wanted a Latin top-level domain).
const ADDRESS_LIKE: Array<[string, string]> = [
  ['bob@example.рф', 'bo*****@e*****.р**'],
  ['мария@пример.рф', 'ма*****@п*****.р**'],
  ['carl@10.0.0.1', 'ca*****@1*****.1**'],
  ['carl@[10.0.0.1]', 'ca*****@[*****.1**'],
  ['carl@[IPv6:2001:db8::1]', 'ca*****@[*****'],
  ['root@localhost', 'ro*****@l*****'],
  ['"carol smith"@example.com', '"c*****@e*****.c**'],
  ["o'brien@example.com", "o'*****@e*****.c**"],
  ['user@xn--80ak6aa92e.com', 'us*****@x*****.c**'],
  ['yuki@例え。テスト', 'yu*****@例*****。テ**'],
  ['ÉLODIE@CAFÉ.FR', 'ÉL*****@C*****.F**'],
];

it('masks every address-like run: internationalised domains, IP hosts, dotless hosts, quoted local parts', () => {
  for (const [address, masked] of ADDRESS_LIKE) {
    assert.equal(obfuscateEmailsInText(`write to ${address}, please`), `write to ${masked}, please`, address);
    assert.ok(!obfuscateEmailsInText(address).includes(address.slice(2, 4)), `no part of ${address} beyond the first two characters`);
  }
});

it('stops at the punctuation around an address, in any script', () => {
  assert.equal(obfuscateEmailsInText('«bob@example.com»'), '«bo*****@e*****.c**»');
  // Text without spaces around the address is masked with it: more is hidden, never less.
  assert.equal(obfuscateEmailsInText('メールはbob@example.comへ。'), 'メー*****@e*****.c**。', 'Japanese text touching the address');
  assert.equal(obfuscateEmailsInText('（bob@example.com）、どうぞ'), '（bo*****@e*****.c**）、どうぞ');
  assert.equal(obfuscateEmailsInText('at bob@example.com.'), 'at bo*****@e*****.c**.', 'a full stop ends the sentence, not the host');
  assert.equal(obfuscateEmailsInText('**bob@example.com**'), '*******@e*****.c****', 'emphasis stays around it');
});
