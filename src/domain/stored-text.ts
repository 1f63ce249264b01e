// How much text a ticket's description or a note keeps, and how much of it a list shows. A sender decides
// how long a mail is; without a bound every view, list, search trigger and mail quoting it grows with
// them (issue 10: 20 MB descriptions made one page of the queue 456 MB of JSON). A mail's text past the
// limit is cut where its content is made (mail/inbound/convert.ts); the whole text stays in the raw
// message and goes with the ticket or note as a file, so nothing the customer wrote is lost.

/**
 * The most a description or note stores, in characters as JavaScript and the API's validation count them
 * (UTF-16 code units): about 1 MB of text. The API refuses longer input; mail is cut to fit.
 */
export const MAX_STORED_TEXT_LENGTH = 1_000_000;

/** The file that carries a cut mail's whole text. */
export const FULL_TEXT_FILENAME = 'full-text.txt';

/** What ends a text that was cut, so a reader knows there is more and where it is. */
export const CUT_NOTICE = `\n\n*[This text was cut at ${withThousandsCommas(MAX_STORED_TEXT_LENGTH)} characters: the whole text is attached as ${FULL_TEXT_FILENAME}.]*`;

/**
 * 1000000 as "1,000,000". Not toLocaleString: its first call maps ICU's number-formatting data into the
 * process, ~6 MB of resident memory for the life of a server that formats two numbers (issue 10).
 */
export function withThousandsCommas(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** How far back a cut looks for a line break: farther, and a text of long lines would lose too much. */
const NEAR_LINE_END = 1_000;

/**
 * The first `limit` UTF-16 code units of `text`, never ending inside a surrogate pair, and ending at a line
 * break when one is near: whole lines read better, and no Markdown or quick-action line is cut in two.
 */
export function headOfText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const lastKept = text.charCodeAt(limit - 1);
  const head = text.slice(0, lastKept >= 0xd800 && lastKept <= 0xdbff ? limit - 1 : limit);
  const lineEnd = head.lastIndexOf('\n');
  return lineEnd >= 0 && head.length - lineEnd <= NEAR_LINE_END ? head.slice(0, lineEnd) : head;
}

/** How many characters of a description the ticket list shows (INTERFACE.md); the ticket itself shows all. */
export const LIST_DESCRIPTION_CHARS = 1_000;

/**
 * The first `limit` characters of `text` counted as code points, as SQL's `substr` counts them on both
 * databases, and whether anything was left out.
 */
export function previewOfText(text: string, limit: number): { text: string; cut: boolean } {
  // Code units bound code points from above: a text this short has no more than `limit` characters.
  if (text.length <= limit) return { text, cut: false };
  let end = 0;
  let count = 0;
  for (const character of text) {
    if (count === limit) return { text: text.slice(0, end), cut: true };
    end += character.length;
    count++;
  }
  return { text, cut: false };
}
