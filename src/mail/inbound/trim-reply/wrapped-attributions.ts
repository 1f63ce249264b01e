// Attributions wrapped over several lines. Clients wrap long lines, and an attribution with a long name
// and address often ends up as "On Thu, Jun 20, 2013 at 4:18 PM, Matt via Discourse Meta <" followed by
// "info@example.com> wrote:". Such lines are joined back into one before the lines are classified, so
// that the marker is seen and the wrapped tail is not taken for text. The joined line is what the
// elided part shows.

import type { Line } from './classify.ts';
import {
  type Completion,
  leadVerbCompletion,
  matchesDateSomeoneEmail,
  matchesDateSomeoneWrote,
  matchesSomeoneWroteOnDate,
  mayStartSomeoneWroteOnDate,
} from './markers.ts';
import { MAX_MARKER_LINE_LENGTH } from './text.ts';

/** Upstream's limit too: an attribution spans at most five lines. */
const MAX_CONTINUATION_LINES = 4;

interface WrapRule {
  /** Whether `lines[start]` may be the first line of a wrapped attribution. */
  starts: (lines: readonly string[], start: number) => boolean;
  /** Whether the lines joined so far form a whole attribution, may still become one, or cannot. */
  completion: (joined: string) => Completion;
  maxContinuationLines: number;
}

const completeOrOpen =
  (matches: (line: string) => boolean) =>
  (joined: string): Completion =>
    matches(joined) ? 'complete' : 'open';

const WRAP_RULES: readonly WrapRule[] = [
  {
    starts: (lines, start) => leadVerbCompletion(lines[start] ?? '') === 'open',
    completion: leadVerbCompletion,
    maxContinuationLines: MAX_CONTINUATION_LINES,
  },
  {
    starts: (lines, start) => {
      const line = lines[start] ?? '';
      return mayStartSomeoneWroteOnDate(line) && !matchesSomeoneWroteOnDate(line);
    },
    completion: completeOrOpen(matchesSomeoneWroteOnDate),
    maxContinuationLines: MAX_CONTINUATION_LINES,
  },
  {
    // The Slavic "<date> <someone> wrote:" forms wrap once at most, after the date.
    starts: (lines, start) => /\d{4}/.test(lines[start] ?? '') && !matchesDateSomeoneWrote(lines[start] ?? ''),
    completion: completeOrOpen(matchesDateSomeoneWrote),
    maxContinuationLines: 1,
  },
  {
    // "<date> <someone> <" + "address>:" — only where the wrap is at the address's bracket, so that a
    // year in one sentence and an address in the next are not taken for one attribution.
    starts: (lines, start) => {
      const line = lines[start] ?? '';
      return (
        /\d{4}/.test(line) && (line.trimEnd().endsWith('<') || nextNonBlankLine(lines, start).trimStart().startsWith('<')) && !matchesDateSomeoneEmail(line)
      );
    },
    completion: completeOrOpen(matchesDateSomeoneEmail),
    maxContinuationLines: MAX_CONTINUATION_LINES,
  },
];

/** Joins continuation lines the way the clients' wrapping split them: blank lines vanish, indents go. */
function joinContinuation(joined: string, next: string): string {
  return `${joined} ${next.trimStart()}`;
}

function nextNonBlankLine(lines: readonly string[], start: number): string {
  for (let index = start + 1; index <= start + 1 + MAX_CONTINUATION_LINES && index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() !== '') return line;
  }
  return '';
}

/** Joins every wrapped attribution in `lines` into one line. Code blocks take no part. */
export function joinWrappedAttributions(lines: readonly Line[]): Line[] {
  const texts = lines.map((line) => line.text);
  const isJoinable = (index: number) => lines[index]?.code === false;
  const result: Line[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as Line;
    const wrapped = line.code ? undefined : joinWrappedAttribution(texts, index, isJoinable);
    if (wrapped) {
      result.push({ text: wrapped.joined, code: false });
      index = wrapped.end;
    } else {
      result.push(line);
    }
  }
  return result;
}

/**
 * Finds an attribution starting at `lines[start]` and wrapped over the following lines. Returns the
 * joined attribution and the index of its last line, or undefined when the line starts none.
 * `isJoinable(i)` says whether line i may take part.
 */
function joinWrappedAttribution(lines: readonly string[], start: number, isJoinable: (index: number) => boolean): { joined: string; end: number } | undefined {
  const first = lines[start];
  if (first === undefined || first.length > MAX_MARKER_LINE_LENGTH) return undefined;
  for (const rule of WRAP_RULES) {
    // A line may already be a marker of another family and still be wrapped: "On 1 Feb 2016, Jeff
    // <jeff@example.com>" is complete as "<date> <someone> <address>", yet "wrote:" follows it.
    if (!rule.starts(lines, start)) continue;
    let joined = first;
    let taken = 0;
    for (let index = start + 1; index < lines.length && taken < rule.maxContinuationLines; index++) {
      const line = lines[index];
      if (line === undefined || !isJoinable(index)) break;
      taken++;
      if (line.trim() === '') continue;
      joined = joinContinuation(joined, line);
      if (joined.length > MAX_MARKER_LINE_LENGTH) break;
      const completion = rule.completion(joined);
      if (completion === 'complete') return { joined, end: index };
      if (completion === 'impossible') break;
    }
  }
  return undefined;
}
