// What the full-text index holds for a piece of ticket text, split in two columns so that the mask below
// reporter (SD-86) also holds for search: `visible` is the text without any customer address in it, and
// `addresses` is only those addresses. Viewers below reporter search `visible` alone, so a word that
// appears only inside an address (its local part, its domain) never finds a ticket for them.
// SQLite calls these functions from its triggers (registered on the connection in connect.ts); PostgreSQL
// has the same rules as SQL functions (migration 013, which replaced 007's). They must agree.

// The mask's pattern of an address-like run (domain/obfuscate-email.ts, ADDRESS_LIKE_SOURCE), repeated
// because db/ does not import domain/; search-text.test.ts keeps the two equal. Written out character by
// character, without classes such as `\s` or `[:alpha:]`, so that PostgreSQL (whose classes follow the
// database's locale) matches exactly what JavaScript does.
const SPACE = '\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const WIDE_PUNCTUATION = '\u00a1-\u00bf\u2000-\u206f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65';
const DOTS = '.\u3002\uff0e\uff61';
const inClass = (chars: string) => chars.replace(/[\\\][^-]/g, '\\$&');
const LOCAL_EXCLUDED = `${SPACE}${inClass('<>()[]",;:@`')}${WIDE_PUNCTUATION}`;
const LABEL_EXCLUDED = `${SPACE}${inClass('!"#$%&\'()*+,./:;<=>?@[\\]^_`{|}~')}${WIDE_PUNCTUATION}`;
const LABEL = `[^${LABEL_EXCLUDED}]+`;

/** The pattern's source, the same for JavaScript and PostgreSQL's regular expressions. */
export const ADDRESS_IN_TEXT_SOURCE = `(?:"[^"\r\n]*"|[^${LOCAL_EXCLUDED}]+)@(?:\\[[^\\]${SPACE}]*\\]|${LABEL}(?:[${inClass(DOTS)}]${LABEL})*)`;

export const ADDRESS_IN_TEXT = new RegExp(ADDRESS_IN_TEXT_SOURCE, 'g');

/** The pattern as a linear scanner, as the mask uses it (obfuscate-email.ts): only the first group is an address. */
const SCAN = new RegExp(`(${ADDRESS_IN_TEXT_SOURCE})|[^${LOCAL_EXCLUDED}]+`, 'g');

/** A cut text's last run of non-spaces: it may be the start of an address whose `@` was cut off. */
export const CUT_WORD_SOURCE = `[^${SPACE}]*$`;

/** Text beyond this many characters is not indexed (PostgreSQL refuses tsvectors over 1 MB; a note may be 1 MB). */
export const INDEXED_CHARS = 100_000;

/** The indexed part of a text: its first INDEXED_CHARS, without the last word when that was cut. */
function indexed(text: string | null): string {
  const whole = text ?? '';
  return whole.length <= INDEXED_CHARS ? whole : whole.slice(0, INDEXED_CHARS).replace(new RegExp(CUT_WORD_SOURCE), '');
}

export const searchVisibleText = (text: string | null): string =>
  indexed(text).replace(SCAN, (run: string, address: string | undefined) => (address === undefined ? run : ' '));

export const searchAddressText = (text: string | null): string =>
  [...indexed(text).matchAll(SCAN)]
    .map((m) => m[1])
    .filter((address) => address !== undefined)
    .join(' ');
