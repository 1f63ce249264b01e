import assert from 'node:assert/strict';
import { it } from 'node:test';
import { obfuscateEmail, obfuscateEmailsInText } from '../domain/obfuscate-email.ts';
import { ADDRESS_IN_TEXT, searchAddressText, searchVisibleText } from './search-text.ts';
import { parseSearch } from './ticket-search.ts';

it('finds addresses exactly where the mask does', () => {
  const text = 'Mail bob.smith@example.com, <carol@sub.example.org> or "x@y.io"; not me@localhost nor @handle.';
  const masked = obfuscateEmailsInText(text);
  const stripped = searchVisibleText(text);
  // Every address the mask changed is gone from the searchable text, and nothing else is.
  assert.equal(text.replace(ADDRESS_IN_TEXT, obfuscateEmail), masked, 'the same matches as obfuscateEmailsInText');
  assert.equal(masked.split('*****@').length - 1, 3, masked);
  assert.equal(stripped, 'Mail  , < > or " "; not me@localhost nor @handle.');
  assert.equal(searchAddressText(text), 'bob.smith@example.com carol@sub.example.org x@y.io');
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
