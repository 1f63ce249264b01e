// Clean-up before classification: one line ending, fenced code kept whole, PGP armour and list footers
// removed, the many ways of quoting turned into "> ", and wrapped attributions joined back into one line.
// Everything here works line by line, with at most linear regexes, for the reasons given in text.ts.

import type { Line } from './classify.ts';
import { BLANK, isBlank } from './text.ts';
import { joinWrappedAttributions } from './wrapped-attributions.ts';

/** Splits a body into lines, ready to be classified. Leading and trailing blank lines are dropped. */
export function prepareLines(text: string): Line[] {
  const body = text.replace(/\r\n?/g, '\n');
  // Passes that cannot apply are skipped after one look at the whole body.
  let lines = body.includes('```') ? groupCodeBlocks(body.split('\n')) : body.split('\n').map(textLine);
  if (/-----BEGIN PGP/i.test(body)) lines = removePgpArmour(lines);
  lines = removeUnsubscribeFooter(lines);
  lines = lines.map(normaliseQuoting);
  if (body.includes('>>>') || body.includes('<<<<')) lines = unwrapEnclosedQuotes(lines);
  lines = joinWrappedAttributions(lines);
  return trimBlankLines(lines);
}

function textLine(text: string): Line {
  return { text, code: false };
}

// ---------------------------------------------------------------------------------------------------------
// Fenced code blocks ("```" to "```") are one unit of text: a "#" or "--" inside code is not a delimiter.

const CODE_FENCE_OPEN = /^```\w*$/;
const CODE_FENCE_CLOSE = '```';

function groupCodeBlocks(raw: readonly string[]): Line[] {
  const lines: Line[] = [];
  let index = 0;
  let closingFenceExists = true;
  while (index < raw.length) {
    const line = raw[index] ?? '';
    if (closingFenceExists && line.startsWith('```') && CODE_FENCE_OPEN.test(line)) {
      const close = raw.indexOf(CODE_FENCE_CLOSE, index + 1);
      if (close >= 0) {
        lines.push({ text: raw.slice(index, close + 1).join('\n'), code: true });
        index = close + 1;
        continue;
      }
      // No closing fence after this one means none after any later one either: stop looking.
      closingFenceExists = false;
    }
    lines.push(textLine(line));
    index++;
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------
// PGP clear-signed mail: the armour header at the top and the signature block are not the reply.

const PGP_SIGNED_MESSAGE = '-----BEGIN PGP SIGNED MESSAGE-----';
const PGP_SIGNATURE_BEGIN = '-----BEGIN PGP SIGNATURE-----';
const PGP_SIGNATURE_END = '-----END PGP SIGNATURE-----';

function removePgpArmour(lines: Line[]): Line[] {
  let result = lines;
  const first = result.findIndex((line) => !isBlank(line.text));
  if (first >= 0 && result[first]?.text.trim().toUpperCase() === PGP_SIGNED_MESSAGE) {
    let after = first + 1;
    if (/^Hash: \w+$/i.test(result[after]?.text.trim() ?? '')) after++;
    result = result.slice(after);
  }
  // Signature blocks: from a BEGIN line to the next END line. Pairs are found in one pass.
  const kept: Line[] = [];
  let openedAt = -1;
  for (const line of result) {
    const text = line.text.includes('-----') ? line.text.trim() : '';
    if (openedAt < 0 && text === PGP_SIGNATURE_BEGIN) openedAt = kept.length;
    kept.push(line);
    if (openedAt >= 0 && text === PGP_SIGNATURE_END) {
      kept.length = openedAt;
      openedAt = -1;
    }
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------------------
// Mailing-list footers at the very end: "Unsubscribe: list-unsubscribe@example.com", optionally followed
// by a line with the web address.

const UNSUBSCRIBE = /^Unsubscribe: .+@./i;

function removeUnsubscribeFooter(lines: Line[]): Line[] {
  let last = lines.length - 1;
  while (last >= 0 && isBlank(lines[last]?.text ?? '')) last--;
  const lastText = lines[last]?.text ?? '';
  if (UNSUBSCRIBE.test(lastText)) return lines.slice(0, last);
  if (last >= 1 && UNSUBSCRIBE.test(lines[last - 1]?.text ?? '') && /^.+http:./.test(lastText)) {
    return lines.slice(0, last - 1);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------
// Quoting styles other than "> ".

/**
 * Gnus/Supercite attribution prefix: `>>>>> "Ann" == Ann Smith <ann@example.com> writes:` before the
 * quote. The marker is removed; the text after it, if any, stays.
 */
function removeAliasQuoteMarker(line: string): string {
  const start = line.indexOf('>>>>> "');
  if (start < 0) return line;
  const nameEnd = line.indexOf('" == ', start + 7);
  if (nameEnd <= start + 7 || line.slice(start + 7, nameEnd).includes('"')) return line;
  const writes = line.lastIndexOf(' writes:');
  return writes > nameEnd + 5 ? line.slice(writes + ' writes:'.length) : line;
}

function normaliseQuoting(line: Line): Line {
  if (line.code) return line;
  const text = normaliseQuotePrefix(removeAliasQuoteMarker(line.text));
  return text === line.text ? line : { text, code: false };
}

// "| quoted" (some webmails), "Ann> quoted" and "C> quoted" (Supercite and friends): the prefix is turned
// into plain ">" so that one quote matcher serves. A name prefix must be followed by a space, another
// marker or the end, so that "x>5" stays text; a line both starting and ending with "|" is a table row.
const QUOTE_PREFIX = new RegExp(`^(?:[${BLANK}]*(?:\\p{L}+>(?=[\\s>|]|$)|[>|]))+`, 'u');
const QUOTE_PREFIX_MARK = /\p{L}+>|\|/gu;

function normaliseQuotePrefix(line: string): string {
  const trimmed = line.trim();
  if (trimmed.length > 1 && trimmed.startsWith('|') && trimmed.endsWith('|')) return line;
  const prefix = QUOTE_PREFIX.exec(line);
  if (!prefix || !/[|\p{L}]/u.test(prefix[0])) return line;
  return prefix[0].replace(QUOTE_PREFIX_MARK, '>') + line.slice(prefix[0].length);
}

// Quotes enclosed between marker lines instead of prefixed:
//   ">>> Ann >>>" … "<<< Ann <<<"   and   ">>>>>>>>" … "<<<<<<<<"
// The lines between become "> " quotes and the marker lines go.
const PLAIN_OPEN = new RegExp(`^>{4,}[${BLANK}]*$`, 'u');
const PLAIN_CLOSE = new RegExp(`^<{4,}[${BLANK}]*$`, 'u');

/** The name in ">>> Ann >>>" (with `mark` ">") or "<<< Ann <<<" (with "<"), if the line is one. */
function enclosingName(line: string, mark: '>' | '<'): string | undefined {
  const fence = mark.repeat(3);
  if (line.length < 7 || !line.startsWith(fence) || !line.endsWith(fence)) return undefined;
  const name = line.slice(3, -3).trim();
  return name !== '' && !name.startsWith(mark) ? name : undefined;
}

/** The closing lines of one kind, in order, consumed by openers that come in order too. */
class Closers {
  private readonly indexes: number[] = [];
  private next = 0;
  add(index: number): void {
    this.indexes.push(index);
  }
  /** The first closing line after `index`, or -1. */
  after(index: number): number {
    while (this.next < this.indexes.length && (this.indexes[this.next] as number) <= index) this.next++;
    return this.indexes[this.next] ?? -1;
  }
}

function unwrapEnclosedQuotes(lines: Line[]): Line[] {
  const namedClosers = new Map<string, Closers>();
  const plainClosers = new Closers();
  lines.forEach((line, index) => {
    if (line.code) return;
    const name = enclosingName(line.text, '<');
    if (name !== undefined) {
      const closers = namedClosers.get(name) ?? new Closers();
      closers.add(index);
      namedClosers.set(name, closers);
    }
    if (PLAIN_CLOSE.test(line.text)) plainClosers.add(index);
  });

  const result: Line[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as Line;
    let close = -1;
    if (!line.code) {
      const name = enclosingName(line.text, '>');
      if (name !== undefined) close = namedClosers.get(name)?.after(index) ?? -1;
      if (close < 0 && PLAIN_OPEN.test(line.text)) close = plainClosers.after(index);
    }
    if (close <= index + 1) {
      result.push(line);
      continue;
    }
    for (const inner of lines.slice(index + 1, close)) result.push(inner.code ? inner : { text: `> ${inner.text}`, code: false });
    index = close;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------

function trimBlankLines(lines: Line[]): Line[] {
  let start = 0;
  let end = lines.length;
  while (start < end && !lines[start]?.code && isBlank(lines[start]?.text ?? '')) start++;
  while (end > start && !lines[end - 1]?.code && isBlank(lines[end - 1]?.text ?? '')) end--;
  return lines.slice(start, end);
}
