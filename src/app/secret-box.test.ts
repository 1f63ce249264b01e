import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createSecretBox } from './secret-box.ts';

const box = createSecretBox('a secret key of at least thirty-two characters');

it('opens what it sealed, and each seal of the same text differs (a fresh nonce)', () => {
  const a = box.seal('pässword 🔑', 'imap_password');
  const b = box.seal('pässword 🔑', 'imap_password');
  assert.notEqual(a, b, 'two seals of one text must differ');
  assert.equal(box.open(a, 'imap_password'), 'pässword 🔑');
  assert.match(a, /^v1:[\w-]+:[\w-]+:[\w-]+$/, 'versioned format');
  assert.ok(!a.includes('pässword'), 'the sealed text must not contain the secret');
});

it('refuses another key, another purpose, a changed byte and an unknown version, without quoting the secret', () => {
  const sealed = box.seal('hunter2', 'imap_password');
  const other = createSecretBox('another secret key of at least thirty-two characters');
  for (const attempt of [
    () => other.open(sealed, 'imap_password'),
    () => box.open(sealed, 'smtp_password'),
    () =>
      box.open(
        sealed.replace(/:([\w-])/, (_, c: string) => `:${c === 'A' ? 'B' : 'A'}`),
        'imap_password',
      ),
    () => box.open(sealed.replace(/^v1/, 'v9'), 'imap_password'),
  ]) {
    assert.throws(attempt, (error: Error) => !error.message.includes('hunter2'), 'must refuse without quoting the secret');
  }
});
