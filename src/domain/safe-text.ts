// Text from the outside world made storable in every database Postdesk runs on. PostgreSQL refuses NUL in
// `text` columns (SQLite keeps it), and a lone UTF-16 surrogate, which a bogus charset can decode to, is not
// a character in any encoding. Mail text never means either (RFC 5322 forbids NUL), so both go at the door.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** NUL removed, lone surrogates replaced by U+FFFD; any other text unchanged. */
export function safeText(value: string): string {
  return value.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/** `safeText` for an optional value. */
export const safeOptionalText = <T extends string | null | undefined>(value: T): T => (typeof value === 'string' ? (safeText(value) as T) : value);
