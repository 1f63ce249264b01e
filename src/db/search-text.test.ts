import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ADDRESS_LIKE_SOURCE, obfuscateEmail, obfuscateEmailsInText } from '../domain/obfuscate-email.ts';
import { ADDRESS_IN_TEXT, ADDRESS_IN_TEXT_SOURCE, INDEXED_CHARS, searchAddressText, searchVisibleText } from './search-text.ts';
import { parseSearch } from './ticket-search.ts';

it('uses the mask’s own pattern', () => {
  assert.equal(ADDRESS_IN_TEXT_SOURCE, ADDRESS_LIKE_SOURCE, 'db/search-text.ts repeats domain/obfuscate-email.ts');
});

it('finds addresses exactly where the mask does', () => {
  const text = 'Mail bob.smith@example.com, <carol@sub.example.org> or "x@y.io"; me@localhost, not @handle.';
  const masked = obfuscateEmailsInText(text);
  const stripped = searchVisibleText(text);
  // Every address the mask changed is gone from the searchable text, and nothing else is.
  assert.equal(text.replace(ADDRESS_IN_TEXT, obfuscateEmail), masked, 'the same matches as obfuscateEmailsInText');
  assert.equal(masked.split('*****@').length - 1, 4, masked);
  assert.equal(stripped, 'Mail  , < > or " ";  , not @handle.');
  assert.equal(searchAddressText(text), 'bob.smith@example.com carol@sub.example.org x@y.io me@localhost');
});

it('keeps internationalised, IP and quoted addresses out of the visible text', () => {
  const text = 'bob@example.рф мария@пример.рф carl@10.0.0.1 carl@[10.0.0.1] "carol smith"@example.com yuki@例え。テスト';
  assert.equal(searchVisibleText(text).trim(), '', searchVisibleText(text));
  assert.equal(searchAddressText(text), text);
  assert.equal(text.replace(ADDRESS_IN_TEXT, obfuscateEmail), obfuscateEmailsInText(text), 'the same matches as the mask');
});

it('drops the cut last word of a long text: it may be a local part whose @ was cut off', () => {
  const text = `${'word '.repeat(INDEXED_CHARS / 5 - 1)}caro${'l@example.com and more'}`;
  assert.equal(text.indexOf('caro'), INDEXED_CHARS - 5);
  assert.ok(!searchVisibleText(text).includes('caro'), 'the local part is not indexed');
  assert.ok(searchVisibleText(text).endsWith('word '), 'the rest is');
  assert.equal(searchVisibleText('word '.repeat(10)), 'word '.repeat(10), 'a text that fits is kept whole');
});

it('splits a search into terms of words, keeping punctuation-joined words together', () => {
  assert.deepEqual(parseSearch('  printer error-42 bob@example.com '), {
    iid: null,
    terms: [['printer'], ['error', '42'], ['bob', 'example', 'com']],
  });
  assert.deepEqual(parseSearch('#17'), { iid: 17, terms: [['17']] });
  assert.deepEqual(parseSearch('"; drop --'), { iid: null, terms: [['drop']] });
  assert.deepEqual(parseSearch('Café straße'), { iid: null, terms: [['Café'], ['straße']] });
});

it('scans linearly and finds exactly what the bare pattern finds', () => {
  // A seeded generator over the characters that matter to the pattern: the same cases on every run.
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  const alphabet = ['a', 'b', '@', '@', '.', '"', ' ', '\n', '-', '_', '<', '>', '(', '[', ']', ':', '。', 'р', '1', '«', "'", '`', '\u00a0'];
  for (let i = 0; i < 5000; i++) {
    const text = Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join('');
    assert.equal(obfuscateEmailsInText(text), text.replace(ADDRESS_IN_TEXT, obfuscateEmail), `mask of ${JSON.stringify(text)}`);
    assert.equal(searchVisibleText(text), text.replace(ADDRESS_IN_TEXT, ' '), `visible of ${JSON.stringify(text)}`);
    assert.equal(searchAddressText(text), (text.match(ADDRESS_IN_TEXT) ?? []).join(' '), `addresses of ${JSON.stringify(text)}`);
  }
  // The bare pattern tries every position of a long word again, and `a@a@…` made the old one backtrack for minutes.
  const started = Date.now();
  for (const hostile of ['a'.repeat(1_000_000), 'a@'.repeat(500_000), `x@${'a.'.repeat(500_000)}`]) {
    obfuscateEmailsInText(hostile);
    searchVisibleText(hostile);
  }
  assert.ok(Date.now() - started < 10_000, `hostile text took ${Date.now() - started} ms`);
});
