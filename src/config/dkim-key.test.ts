import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from './config.ts';
import { dkimFromMismatch, resolveDkimKey } from './dkim-key.ts';

const pemOf = (type: 'rsa' | 'ed25519' | 'ec', bits = 2048) => {
  const pair =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: bits })
      : type === 'ed25519'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
};
const dkim = (privateKey: string) => ({ dkim: { domain: 'example.com', selector: 'pd', privateKey } });

function problemOf(privateKey: string): string {
  try {
    resolveDkimKey(dkim(privateKey));
  } catch (error) {
    assert.ok(error instanceof ConfigError, 'a ConfigError, so start-up prints it and stops');
    return error.problems.join('\n');
  }
  assert.fail('the key was accepted');
}

describe('DKIM_PRIVATE_KEY', () => {
  const rsa = pemOf('rsa');

  it('is off without DKIM settings', () => {
    assert.equal(resolveDkimKey({ dkim: null }), null);
  });

  it('takes the PEM text, the text with \\n escapes (as env files write it), or a path to a PEM file', () => {
    assert.equal(resolveDkimKey(dkim(rsa))?.algorithm, 'rsa-sha256');
    assert.equal(resolveDkimKey(dkim(rsa.replaceAll('\n', '\\n')))?.key.asymmetricKeyType, 'rsa');
    const file = join(mkdtempSync(join(tmpdir(), 'postdesk-dkim-')), 'dkim.pem');
    writeFileSync(file, rsa);
    const key = resolveDkimKey(dkim(file));
    assert.deepEqual([key?.domain, key?.selector, key?.algorithm], ['example.com', 'pd', 'rsa-sha256']);
    assert.equal(resolveDkimKey(dkim(pemOf('ed25519')))?.algorithm, 'ed25519-sha256');
  });

  it('refuses start-up with a clear message for a malformed key, a missing file, a weak or unusable key — never quoting it', () => {
    const broken = rsa.replace(/[A-Za-z0-9]{40}/, 'x');
    const message = problemOf(broken);
    assert.match(message, /^DKIM_PRIVATE_KEY: not a usable PEM private key/);
    assert.ok(!message.includes(rsa.split('\n')[1]!), 'the message must not quote the key');
    assert.match(problemOf('/nonexistent/dkim.pem'), /^DKIM_PRIVATE_KEY: neither PEM text nor a readable file \(no file \/nonexistent\/dkim\.pem\)/);
    assert.match(problemOf(pemOf('rsa', 512)), /^DKIM_PRIVATE_KEY: an RSA key of 512 bits/);
    assert.match(problemOf(pemOf('ec')), /^DKIM_PRIVATE_KEY: a ec key; DKIM signs with RSA or Ed25519/);
  });

  it('warns when the From domain does not align with DKIM_DOMAIN', () => {
    const config = dkim(rsa);
    assert.equal(dkimFromMismatch(config, 'support@example.com'), null);
    assert.equal(dkimFromMismatch(config, 'support@Help.Example.com'), null);
    assert.match(dkimFromMismatch(config, 'noreply@localhost')!, /DKIM_DOMAIN example\.com does not match the From domain localhost/);
    assert.match(dkimFromMismatch(config, 'a@notexample.com')!, /notexample\.com/);
    assert.equal(dkimFromMismatch({ dkim: null }, 'noreply@localhost'), null);
  });
});
