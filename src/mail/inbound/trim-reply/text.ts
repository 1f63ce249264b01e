// Small string helpers shared by the reply-trimmer modules.
//
// A rule of this package: no regular expression here may backtrack more than linearly on a line, because
// mail bodies come from strangers. Trailing-character patterns such as /[\s.:]*$/ look harmless but are
// quadratic on a long run of those characters that is *not* at the end, so the helpers below strip runs
// with plain loops instead.

/** Horizontal whitespace: tab and every Unicode space separator (what POSIX calls [[:blank:]]). */
export const BLANK = '\\t\\p{Zs}';

const BLANK_ONLY = new RegExp(`^[${BLANK}]*$`, 'u');

/** True for a line holding nothing but horizontal whitespace. */
export function isBlank(line: string): boolean {
  return BLANK_ONLY.test(line);
}

/** Removes every trailing character for which `strip` says yes. Linear, unlike a `[...]*$` regex. */
export function trimEndWhile(text: string, strip: (char: string) => boolean): string {
  let end = text.length;
  while (end > 0 && strip(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/**
 * Lines longer than this are never taken for an attribution, a forwarded-message banner, a header or a
 * mobile signature. No mail client writes one that long, and the cap bounds the work of every marker
 * regex per line, whatever a hostile body contains.
 */
export const MAX_MARKER_LINE_LENGTH = 1000;
