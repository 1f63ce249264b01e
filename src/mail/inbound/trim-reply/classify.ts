// Line classification. Each line of a reply gets one kind; the cutting rules (cut.ts) then work on the
// sequence of kinds alone, the way Discourse's email_reply_trimmer does, because the shape of a mail
// ("text, then an attribution, then quotes") says more than any single line.

import { isEmbeddedEmailMarker } from './markers.ts';
import { BLANK, MAX_MARKER_LINE_LENGTH, isBlank } from './text.ts';

export const LineKind = {
  /** Nothing but whitespace. */
  Empty: 'E',
  /** A line of dashes, underscores, stars…: "-- " before a signature, Outlook's "_____" above the quoted mail. */
  Delimiter: 'D',
  /** A client's advertisement: "Sent from my iPhone". */
  Signature: 'S',
  /** The line introducing an embedded mail: "On …, Ann wrote:", "-----Original Message-----". */
  Embedded: 'B',
  /** A header of an embedded mail: "From: …", "Sent: …". */
  Header: 'H',
  /** A quoted line: "> …". */
  Quote: 'Q',
  /** Anything else: what somebody wrote. */
  Text: 'T',
} as const;
export type LineKind = (typeof LineKind)[keyof typeof LineKind];

/** One line of the body, or a whole fenced code block, which is never split or classified. */
export interface Line {
  text: string;
  code: boolean;
}

// A line made only of separator characters. "ᐧ" is the placeholder some Gmail add-ons (Mixmax, Streak)
// leave for their tracking pixel; "—" an em dash.
const DELIMITER = new RegExp(`^[${BLANK}]*[\\-_,=+~#*ᐧ—]+[${BLANK}]*$`, 'u');
// A lone "-" or "*" is a list item's bullet, not a delimiter: Gmail puts an item's bullet on a line of its
// own above its text (GitLab's bullet_list_reply.eml), and cutting there folded the whole list away.
const BULLET = new RegExp(`^[${BLANK}]*[-*][${BLANK}]*$`, 'u');

// Mobile and webmail advertisements, each on a line of its own. Only the line goes, not what follows:
// people sign after them too.
const MOBILE_SIGNATURES: readonly string[] = [
  // Chinese iPhone.
  '從我的 iPhone 傳送',
  // English. "Ann from mobile", "Sent from my iPhone", "Sent via mobile", "Sent with Airmail",
  // "<<sent by galaxy>>", "(Sent from mobile device)".
  '[\\p{L}\\p{N}_]+ from mobile',
  '[(<]*Sent (?:from|via|with|by) .',
  // "From My Iphone 6". Limited to a short line: "From my point of view, …" is a sentence.
  'From my .{1,20}$',
  'Get Outlook for ',
  // French, German, Italian, Norwegian, Portuguese, Spanish, Dutch, Swedish.
  'Envoyé depuis (?:mon|Yahoo Mail)',
  'Von meinem .+ gesendet',
  'Diese Nachricht wurde von .+ gesendet',
  'Inviato da ',
  'Sendt fra min ',
  'Enviado do meu ',
  'Enviado desde mi ',
  'Verzonden met ',
  'Verstuurd vanaf mijn ',
  'från min ',
];
const MOBILE_SIGNATURE = new RegExp(`^(?:${MOBILE_SIGNATURES.join('|')})`, 'iu');

// "Sent from [Mail](https://go.microsoft.com/…) for Windows 10": links are reduced to their text first.
// The character classes exclude the brackets they stop at, so each link attempt is bounded.
const MARKDOWN_LINK = /\[([^[\]]+)\]\([^()]+\)/g;

function isMobileSignature(line: string): boolean {
  const text = line.includes('](') ? line.replace(MARKDOWN_LINK, '$1') : line;
  return MOBILE_SIGNATURE.test(text.trimStart());
}

// Headers of an embedded mail, as Outlook and webmails print them above the quoted body, in the
// languages their users write in. Headers carrying a date need a digit after the colon; the others any
// word. Outlook may bold them: "*From:* Ann".
const DATE_HEADERS = [
  'Sent',
  'Date', // English
  'Sendt', // Norwegian
  'Le', // French
  'Gesendet', // German
  'Enviada em', // Portuguese
  'Enviado',
  'Fecha', // Spanish
  'Data', // Italian
  'Datum', // Dutch
  'Skickat', // Swedish
  '发送时间', // Chinese
];
const TEXT_HEADERS = [
  'From',
  'To',
  'Cc',
  'Reply-To',
  'Subject', // English
  'Fra',
  'Til',
  'Emne', // Norwegian
  'De',
  'Expéditeur',
  'À',
  'Destinataire',
  'Répondre à',
  'Objet', // French
  'Von',
  'An',
  'Betreff', // German
  'Para',
  'Assunto', // Portuguese
  'Asunto', // Spanish
  'Da',
  'Risposta',
  'A',
  'Oggetto', // Italian
  'Van',
  'Beantwoorden - Aan',
  'Aan',
  'Onderwerp', // Dutch
  'Från',
  'Till',
  'Ämne', // Swedish
  '发件人',
  '收件人',
  '主题', // Chinese
];
const HEADER_NAME_END = `[${BLANK}*]*[:：]`;
const DATE_HEADER = new RegExp(`^[${BLANK}*]*(?:${DATE_HEADERS.join('|')})${HEADER_NAME_END}.*\\d`, 'u');
const TEXT_HEADER = new RegExp(`^[${BLANK}*]*(?:${TEXT_HEADERS.join('|')})${HEADER_NAME_END}.*[\\p{L}\\p{N}_]`, 'iu');

function isEmailHeader(line: string): boolean {
  return DATE_HEADER.test(line) || TEXT_HEADER.test(line);
}

const QUOTE = new RegExp(`^[${BLANK}]*>`, 'u');
// A quoted blank line (">", "> >") says nothing; it counts as empty.
const EMPTY_QUOTE = new RegExp(`^[${BLANK}>]*$`, 'u');

/** The kind of one line. The order matters: "> On …, Ann wrote:" is a marker before it is a quote. */
export function classifyLine(line: Line): LineKind {
  if (line.code) return LineKind.Text;
  const text = line.text;
  if (isBlank(text) || EMPTY_QUOTE.test(text)) return LineKind.Empty;
  if (DELIMITER.test(text) && !BULLET.test(text)) return LineKind.Delimiter;
  if (text.length <= MAX_MARKER_LINE_LENGTH) {
    if (isMobileSignature(text)) return LineKind.Signature;
    if (isEmbeddedEmailMarker(text)) return LineKind.Embedded;
    if (isEmailHeader(text)) return LineKind.Header;
  }
  if (QUOTE.test(text)) return LineKind.Quote;
  return LineKind.Text;
}
