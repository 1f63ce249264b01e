// Stage 4: the text of a mail as it will stand on the ticket. Keeps what the customer wrote, not what
// they quoted: plain text as written (SD-44, SD-46), HTML sanitised then turned into Markdown (SD-48),
// quick actions made inert (SD-32), and for replies the quoted history trimmed into a collapsed block
// at the end (SD-49). A new ticket keeps its whole body (SD-31), up to the stored-text limit: past it the
// text is cut, and the whole of it goes with the ticket or note as a file (domain/stored-text.ts).
import { redactQuickActions } from '../../domain/quick-actions.ts';
import { CUT_NOTICE, FULL_TEXT_FILENAME, headOfText, MAX_STORED_TEXT_LENGTH } from '../../domain/stored-text.ts';
import { stripTrailingSpace } from '../../domain/ticket-rules.ts';
import { htmlToMarkdown } from './html-to-markdown.ts';
import type { ParsedAttachment, ParsedMessage } from './parsed-message.ts';
import { trimReply } from './trim-reply.ts';

export interface ConvertedBody {
  body: string;
  /** Nothing written now: empty, or only quotes (SD-50). */
  isEmpty: boolean;
  /** Files the body needs beside it: the whole text, when the body had to be cut. */
  files: ParsedAttachment[];
}

/** SD-44: the text/plain part wins; HTML is converted only when there is no plain text. */
export function bodyText(message: Pick<ParsedMessage, 'text' | 'html'>): string {
  const text = message.text?.replace(/\r\n?/g, '\n') ?? '';
  if (text.trim() !== '') return stripTrailingSpace(text);
  return message.html ? stripTrailingSpace(htmlToMarkdown(message.html)) : '';
}

export interface ConvertOptions {
  trimQuotes: boolean;
  /**
   * A team member answering one of our notifications: their quick actions run (a customer's stay inert,
   * SD-32), and the quote below their answer is our own mail, so it is dropped rather than folded in.
   */
  fromMember?: boolean;
}

export function convertBody(message: Pick<ParsedMessage, 'text' | 'html'>, options: ConvertOptions): ConvertedBody {
  const whole = bodyText(message).trim();
  // Cut before trimming and redacting, so their work is bounded too; the result is measured again, since
  // redaction and the fold add a little.
  const parts = convertText(headOfText(whole, MAX_STORED_TEXT_LENGTH), options);
  const body = assemble(parts, Number.POSITIVE_INFINITY);
  if (whole.length <= MAX_STORED_TEXT_LENGTH && body.length <= MAX_STORED_TEXT_LENGTH) return { body, isEmpty: parts.isEmpty, files: [] };
  const wholeText = { filename: FULL_TEXT_FILENAME, contentType: 'text/plain; charset=utf-8', content: Buffer.from(whole), contentId: null, inline: false };
  return { body: `${assemble(parts, MAX_STORED_TEXT_LENGTH - CUT_NOTICE.length)}${CUT_NOTICE}`, isEmpty: parts.isEmpty, files: [wholeText] };
}

interface ConvertedParts {
  /** What stands on the ticket: written now, or all of it when quotes are not trimmed. */
  written: string;
  /** The quoted history, folded away below `written` (SD-49); null when there is none to keep. */
  folded: string | null;
  isEmpty: boolean;
}

const FOLD_OPEN = '\n\n<details><summary>…</summary>\n\n';
const FOLD_CLOSE = '\n\n</details>';

/** The body in at most `room` characters: what was written first, then as much of the fold as fits, closed. */
function assemble({ written, folded }: ConvertedParts, room: number): string {
  const head = headOfText(written, room);
  const left = room - head.length - FOLD_OPEN.length - FOLD_CLOSE.length;
  // An unclosed fold would show the whole history as text (the web app folds only balanced blocks).
  if (folded === null || left <= 0) return head;
  return `${head}${FOLD_OPEN}${headOfText(folded, left)}${FOLD_CLOSE}`;
}

function convertText(text: string, options: ConvertOptions): ConvertedParts {
  const inert = options.fromMember ? (line: string) => line : redactQuickActions;
  if (!options.trimQuotes) return { written: inert(text), folded: null, isEmpty: text === '' };
  const { kept, elided } = trimReply(text);
  const written = inert(kept.trim());
  // A reply that is nothing but a quote: the trimmer keeps it whole, but nothing was written now (SD-50).
  const writtenNow = written.split('\n').some((line) => line.trim() !== '' && !line.trimStart().startsWith('>'));
  if (!writtenNow) return { written, folded: null, isEmpty: true };
  if (elided.trim() === '' || options.fromMember) return { written, folded: null, isEmpty: false };
  // The quote is kept, folded away, so nothing the customer sent is lost (SD-49).
  // Inert too: a forwarded mail below the answer is not quoted, and a member may paste the whole note.
  return { written, folded: inert(elided.trim()), isEmpty: false };
}
