// Reply trimming: keep what the sender wrote now, set aside the quoted history, signatures and forwarded
// mail below it. Pure and synchronous; plain text in, plain text out.
//
// The approach is that of Discourse's email_reply_trimmer (also used by GitLab's reply parser), written
// anew in TypeScript:
//   1. clean up the body (line endings, code fences, PGP armour, quoting styles) and join
//      attribution lines the client wrapped          (trim-reply/preprocess.ts, wrapped-attributions.ts)
//   2. give every line a kind: text, quote, empty, delimiter, signature,
//      embedded-mail marker or header                (trim-reply/classify.ts, markers.ts)
//   3. cut by the shape of the sequence of kinds      (trim-reply/cut.ts)
// Its test corpus is the measure (trim-reply.test.ts). Every regex is linear in the line length, and
// marker lines are capped in length, so hostile bodies cannot stall the inbound pipeline.
//
// Where this departs from upstream on purpose: a quote-only mail keeps its whole quote (upstream keeps
// its first line); a lone header-like line ("A: yes") stays in the reply; "From my …" signatures and
// "<someone> <address> wrote:" attributions are matched more narrowly; attributions need a digit (the
// date). PGP armour and "Unsubscribe:" list footers are dropped from both parts, as upstream does.

import { classifyLine } from './trim-reply/classify.ts';
import { selectReplyLines } from './trim-reply/cut.ts';
import { prepareLines } from './trim-reply/preprocess.ts';

export interface TrimmedReply {
  kept: string;
  elided: string;
}

/** Splits a plain-text reply body into what the writer wrote now (`kept`) and the quoted history, signatures and embedded/forwarded mail below it (`elided`). */
export function trimReply(text: string): TrimmedReply {
  const lines = prepareLines(text);
  if (lines.length === 0) return { kept: '', elided: '' };

  const isKept = new Array<boolean>(lines.length).fill(false);
  for (const index of selectReplyLines(lines.map(classifyLine))) isKept[index] = true;
  const kept: string[] = [];
  const elided: string[] = [];
  lines.forEach((line, index) => {
    (isKept[index] ? kept : elided).push(line.text);
  });

  return { kept: withoutBlankEdges(kept), elided: withoutBlankEdges(elided) };
}

/** Joins lines, dropping blank lines at both ends and trailing spaces, but keeping the first line's indent. */
function withoutBlankEdges(lines: readonly string[]): string {
  let start = 0;
  while (start < lines.length && (lines[start] ?? '').trim() === '') start++;
  return lines.slice(start).join('\n').trimEnd();
}
