// GitLab's "deform" masking of external addresses for viewers below reporter (SD-86, SD-87), and what
// counts as an address inside free text. The mask must never let an address through, so "address-like"
// is wider than deliverable: any script in the host (IDN), IP hosts (`carl@10.0.0.1`, `carl@[::1]`),
// a host without a dot (`root@localhost`), a quoted local part. Masking a version string such as
// `icon@2x.png` for a guest is the price. db/search-text.ts repeats ADDRESS_LIKE_SOURCE (db/ does not
// import domain/; its test keeps the two equal), so below reporter search never finds what this hides.

/** JavaScript's `\s`, written out, so that PostgreSQL's regular expressions see the same characters. */
const SPACE = '\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** Punctuation beyond ASCII that stands around addresses in text: Latin-1 signs, quotes and dashes, CJK and fullwidth. */
const WIDE_PUNCTUATION = '\u00a1-\u00bf\u2000-\u206f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65';
/** `.` and the full stops IDNA reads as dots (ideographic, fullwidth, halfwidth). */
const DOTS = '.\u3002\uff0e\uff61';

/** Escapes what is special inside a bracket expression in both JavaScript and PostgreSQL's AREs. */
const inClass = (chars: string) => chars.replace(/[\\\][^-]/g, '\\$&');

const LOCAL_EXCLUDED = `${SPACE}${inClass('<>()[]",;:@`')}${WIDE_PUNCTUATION}`;
// A host label is letters and digits of any script and `-`: no ASCII punctuation but `-`, no dot of any kind.
const LABEL_EXCLUDED = `${SPACE}${inClass('!"#$%&\'()*+,./:;<=>?@[\\]^_`{|}~')}${WIDE_PUNCTUATION}`;
const LABEL = `[^${LABEL_EXCLUDED}]+`;

/**
 * An address-like run in text: a quoted or unquoted local part, `@`, then a bracketed literal or
 * dot-separated labels. No capturing groups (PostgreSQL's regexp_matches returns the whole match as m[1]),
 * and no choice that depends on backtracking, so JavaScript and PostgreSQL find the same matches.
 */
export const ADDRESS_LIKE_SOURCE = `(?:"[^"\r\n]*"|[^${LOCAL_EXCLUDED}]+)@(?:\\[[^\\]${SPACE}]*\\]|${LABEL}(?:[${inClass(DOTS)}]${LABEL})*)`;

const lastDot = (domain: string) => Math.max(...[...DOTS].map((dot) => domain.lastIndexOf(dot)));

/**
 * The mask itself (SD-87): `user@example.com` → `us*****@e*****.c**`. Lengths are not kept, so nothing
 * can be counted back.
 */
export function obfuscateEmail(email: string): string {
  if (email === '') return email;
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskAll(email);
  let local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length === 1) local = local + local;
  const dot = lastDot(domain);
  if (dot <= 0) return `${local.slice(0, 2)}*****@${domain.slice(0, 1)}*****`;
  return `${local.slice(0, 2)}*****@${domain.slice(0, 1)}*****${domain[dot]}${domain.slice(dot + 1, dot + 2)}**`;
}

const maskAll = (text: string) => `${text.slice(0, 1)}*****`;

/** The domain part of the same mask: `example.com` → `e*****.c**`. */
export const obfuscateDomain = (domain: string) => obfuscateEmail(`x@${domain}`).split('@')[1]!;

/**
 * The pattern as a scanner: its second branch skips a whole run of local-part characters where no address
 * starts (none can start later in that run either: it would end at the same `@`), so a search through
 * text stays linear. The bare pattern tries every position of a long word again (a 50,000-character word
 * took seconds). Only the first group is an address.
 */
const SCAN = new RegExp(`(${ADDRESS_LIKE_SOURCE})|[^${LOCAL_EXCLUDED}]+`, 'g');

/** Masks every address-like run inside free text: titles, descriptions, notes, system notes, team mail. */
export const obfuscateEmailsInText = (text: string) =>
  text.replace(SCAN, (run: string, address: string | undefined) => (address === undefined ? run : obfuscateEmail(address)));
