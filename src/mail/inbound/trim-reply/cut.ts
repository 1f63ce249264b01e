// The cutting rules. They look at the sequence of line kinds, one letter per line (see classify.ts:
// T text, Q quote, E empty, D delimiter, S signature, B embedded-mail marker, H header), and decide which
// lines are the new reply. The rules and their order are those of Discourse's email_reply_trimmer,
// whose corpus of real replies they were tuned on; each comment gives the rule as a pattern over the
// letters (lower case, as upstream writes them). They are implemented as plain scans rather than as
// regexes over the letters, which keeps every rule linear in the number of lines.

import { LineKind } from './classify.ts';

const { Empty, Delimiter, Signature, Embedded, Header, Quote, Text } = LineKind;

/** The lines still in play: their kinds as one string, and where each came from. */
class Selection {
  constructor(
    public kinds: string,
    public indexes: number[],
  ) {}

  /** Keeps lines [0, end). */
  keepBefore(end: number): void {
    this.kinds = this.kinds.slice(0, end);
    this.indexes = this.indexes.slice(0, end);
  }

  /** Keeps lines [start, length). */
  keepFrom(start: number): void {
    this.kinds = this.kinds.slice(start);
    this.indexes = this.indexes.slice(start);
  }

  /** Drops the lines of `kind` that stand in runs of at least `minimum` consecutive lines. */
  dropRuns(kind: LineKind, minimum: number): void {
    if (!this.kinds.includes(kind.repeat(minimum))) return;
    const kinds: string[] = [];
    const indexes: number[] = [];
    for (let start = 0; start < this.kinds.length; ) {
      let end = start + 1;
      while (end < this.kinds.length && this.kinds[end] === this.kinds[start]) end++;
      if (this.kinds[start] !== kind || end - start < minimum) {
        kinds.push(this.kinds.slice(start, end));
        for (let i = start; i < end; i++) indexes.push(this.indexes[i] as number);
      }
      start = end;
    }
    this.kinds = kinds.join('');
    this.indexes = indexes;
  }

  drop(kind: LineKind): void {
    this.dropRuns(kind, 1);
  }
}

/** Returns the indexes, in order, of the lines to keep as the reply. */
export function selectReplyLines(kinds: readonly LineKind[]): number[] {
  const lines = new Selection(
    kinds.join(''),
    kinds.map((_, index) => index),
  );

  // 1. Everything from the first delimiter on is a signature or a footer ("-- ", "________").
  const delimiter = lines.kinds.indexOf(Delimiter);
  if (delimiter >= 0) lines.keepBefore(delimiter);

  // 2. Mobile signatures go, but only their own line: the sender may sign below them.
  lines.drop(Signature);

  // 3. A reply written *below* the quoted mail (^b[^t]+t[et]*$): the reply is that last block of text.
  const bottomReply = bottomReplyStart(lines.kinds);
  if (bottomReply >= 0) {
    lines.keepFrom(bottomReply);
    return lines.indexes;
  }

  // 4. Text, then a marker with no quote after it (te*b[^q]*$): the embedded mail is not quoted with
  //    ">" (Outlook, mobile clients), so everything after the marker is that mail.
  const unquoted = textBeforeUnquotedMarker(lines.kinds);
  if (unquoted >= 0) lines.keepBefore(unquoted + 1);

  // 5. Text, then a marker followed by the quoted mail, possibly with a few text lines mixed in or
  //    after it (te*b[eqbh]*([te]*)$, with fewer than 7 t in the group): cut at the marker. More text
  //    than that after the quote is the sender answering below it, which rule 11 handles.
  const quoted = textBeforeQuotedMarker(lines.kinds);
  if (quoted >= 0) lines.keepBefore(quoted + 1);

  // 6. The mail ends with quotes, markers and blank lines ([qbe]+$): drop them, once the sender wrote
  //    something above them. A mail that is nothing but a quote keeps the quote, as there is nothing
  //    else to keep; one of nothing but markers and blank lines keeps nothing. (Upstream keeps the
  //    first line of such a tail, whatever it is; keeping the whole quote loses less.)
  const tail = trailingRunStart(lines.kinds, 'QBE');
  const textBefore = lines.kinds.lastIndexOf(Text, tail - 1) >= 0;
  if (textBefore || !lines.kinds.includes(Quote, tail)) lines.keepBefore(tail);

  // 7. Markers left in the middle (an answer between quotes) are not the sender's words.
  lines.drop(Embedded);

  // 8. Headers wrapped over several lines ("Subject: a long" / "subject" / "To: …"): the lines between
  //    the first and the last header of a block, and the blank line after it, are headers too
  //    (h+[hte]+h+e).
  lines.kinds = markWrappedHeaders(lines.kinds);

  // 9. Text, then at least three headers (t[eq]*h{3,}): an Outlook-style embedded mail without a
  //    banner ("From: … / Sent: … / To: … / Subject: …"). Keep up to the text.
  const headerBlock = textBeforeHeaderBlock(lines.kinds);
  if (headerBlock >= 0) lines.keepBefore(headerBlock + 1);

  // 10. Remaining header blocks are what was left of forwarded mails above the text. A header-like line
  //     on its own is the sender's ("A: yes, it prints" is an answer, not an Italian "To:").
  lines.dropRuns(Header, 2);

  // 11. Quotes and blank lines at the very end, once there is text of the sender's own ([eq]+$): the
  //     quoted history below an answer.
  if (lines.kinds.includes(Text)) lines.keepBefore(trailingRunStart(lines.kinds, 'EQ'));

  return lines.indexes;
}

/** Start of the longest run at the end of `kinds` made of the `allowed` letters (kinds.length if none). */
function trailingRunStart(kinds: string, allowed: string): number {
  let start = kinds.length;
  while (start > 0 && allowed.includes(kinds.charAt(start - 1))) start--;
  return start;
}

/** Rule 3 (^b[^t]+t[et]*$): index of the first line of the reply written below the quote, or -1. */
function bottomReplyStart(kinds: string): number {
  if (kinds[0] !== Embedded) return -1;
  const firstText = kinds.indexOf(Text);
  if (firstText < 2) return -1;
  return trailingRunStart(kinds, 'TE') <= firstText ? firstText : -1;
}

/** Rule 4 (te*b[^q]*$): index of the text line of the first match, or -1. */
function textBeforeUnquotedMarker(kinds: string): number {
  // The whole match lies after the last quote.
  for (let i = kinds.lastIndexOf(Quote) + 1; i < kinds.length; i++) {
    if (kinds[i] !== Text) continue;
    let next = i + 1;
    while (kinds[next] === Empty) next++;
    if (kinds[next] === Embedded) return i;
  }
  return -1;
}

/** Rule 5 (te*b[eqbh]*([te]*)$, fewer than 7 t in the group): index of the text line, or -1. */
function textBeforeQuotedMarker(kinds: string): number {
  // After the marker come quotes, markers, headers and blank lines, then only text and blank lines. So
  // the text line must be the last one before the last quote, marker or header, and be followed by
  // blank lines and a marker.
  const lastNonText = trailingRunStart(kinds, 'TE') - 1;
  if (lastNonText < 0) return -1;
  const text = kinds.lastIndexOf(Text, lastNonText);
  if (text < 0) return -1;
  let marker = text + 1;
  while (kinds[marker] === Empty) marker++;
  if (kinds[marker] !== Embedded) return -1;
  const textAfter = kinds.slice(marker + 1).split(Text).length - 1;
  return textAfter < 7 ? text : -1;
}

/** Rule 8 (h+[hte]+h+e): returns `kinds` with the first wrapped header block marked as headers. */
function markWrappedHeaders(kinds: string): string {
  // The match cannot cross a quote, so look at each stretch between quotes: from its first header to the
  // last header followed by a blank line, with at least one line in between.
  let stretchStart = 0;
  while (stretchStart < kinds.length) {
    let stretchEnd = kinds.indexOf(Quote, stretchStart);
    if (stretchEnd < 0) stretchEnd = kinds.length;
    const stretch = kinds.slice(stretchStart, stretchEnd);
    const first = stretch.indexOf(Header);
    const last = stretch.lastIndexOf(Header + Empty);
    if (first >= 0 && last >= first + 2) {
      const from = stretchStart + first;
      const to = stretchStart + last + 2;
      return kinds.slice(0, from) + Header.repeat(to - from) + kinds.slice(to);
    }
    stretchStart = stretchEnd + 1;
  }
  return kinds;
}

/** Rule 9 (t[eq]*h{3,}): index of the text line of the first match, or -1. */
function textBeforeHeaderBlock(kinds: string): number {
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== Text) continue;
    let next = i + 1;
    while (kinds[next] === Empty || kinds[next] === Quote) next++;
    if (kinds.startsWith(Header.repeat(3), next)) return i;
  }
  return -1;
}
