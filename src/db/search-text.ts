// What the full-text index holds for a piece of ticket text, split in two columns so that the mask below
// reporter (SD-86) also holds for search: `visible` is the text without any customer address in it, and
// `addresses` is only those addresses. Viewers below reporter search `visible` alone, so a word that
// appears only inside an address (its local part, its domain) never finds a ticket for them.
// SQLite calls these functions from its triggers (registered on the connection in connect.ts); PostgreSQL
// has the same rules as SQL functions (migration 007). They must agree.

/**
 * An address inside free text: the pattern the mask uses (domain/obfuscate-email.ts, `obfuscateEmailsInText`),
 * repeated here because db/ does not import domain/; search-text.test.ts keeps the two equal.
 */
export const ADDRESS_IN_TEXT = /[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[A-Za-z]{2,}/g;

/** The same pattern for PostgreSQL's regular expressions (inside a bracket expression `\s` is written `[:space:]`). */
export const ADDRESS_IN_TEXT_POSTGRES = `[^[:space:]<>()"',;:]+@[^[:space:]<>()"',;:]+\\.[A-Za-z]{2,}`;

/** Text beyond this many characters is not indexed (PostgreSQL refuses tsvectors over 1 MB; a note may be 1 MB). */
export const INDEXED_CHARS = 100_000;

export const searchVisibleText = (text: string | null): string => (text ?? '').slice(0, INDEXED_CHARS).replace(ADDRESS_IN_TEXT, ' ');

export const searchAddressText = (text: string | null): string => ((text ?? '').slice(0, INDEXED_CHARS).match(ADDRESS_IN_TEXT) ?? []).join(' ');
