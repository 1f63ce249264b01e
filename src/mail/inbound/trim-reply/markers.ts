// Embedded-email markers: the line a mail client writes just above the mail being replied to or
// forwarded ("On Mon, 1 Jan 2024 at 10:00, Ann <ann@example.com> wrote:", "-----Original Message-----").
// Everything below such a line is somebody else's mail, so these lines drive most of the cutting.
//
// The catalogue follows the clients Discourse's email_reply_trimmer learnt from real mail; the matching
// itself is written anew here so that every check is linear in the line length (see text.ts).

import { BLANK, MAX_MARKER_LINE_LENGTH, trimEndWhile } from './text.ts';

const WORD_CHAR = '\\p{L}\\p{N}_';

/** A regex source matching one of `alternatives` as a whole word, in any script (\b only knows ASCII). */
function words(alternatives: readonly string[]): string {
  return `(?<![${WORD_CHAR}])(?:${alternatives.join('|')})(?![${WORD_CHAR}])`;
}

/** What may follow the verb of an attribution: "wrote:", "wrote ----", "a écrit :", "写道：". */
const CLOSING_PUNCTUATION = /^[\s.:>\-：]$/u;
function isClosingPunctuation(char: string): boolean {
  return CLOSING_PUNCTUATION.test(char);
}

function endsWithColon(line: string): boolean {
  return /[:：]$/u.test(line.trimEnd());
}

// ---------------------------------------------------------------------------------------------------------
// "On <date>, <someone> wrote:" — a word that opens the line, a date, a name, and a closing verb.

interface LeadVerbRule {
  /** Words opening the attribution, as clients capitalise them. */
  leads: readonly string[];
  /** The verb closing it, matched case-insensitively. Regex sources. */
  verbs: readonly string[];
  /**
   * Languages that put the name after the verb ("Am 1.1.2016 schrieb Max <max@example.com>:"). The
   * line must then end with a colon, which is also what tells a wrapped attribution where it ends.
   */
  nameAfterVerb?: boolean;
  /** Scripts written without spaces between words (Chinese): no word boundaries, optional space. */
  unspaced?: boolean;
  /**
   * Opening words that, met again before the verb, mean two attributions ran together rather than one
   * wrapped over lines. All of `leads` unless given.
   */
  interrupts?: readonly string[];
}

const LEAD_VERB_RULES: readonly LeadVerbRule[] = [
  // English. Gmail, Apple Mail, Thunderbird: "On Mon, 1 Jan 2024 at 10:00, Ann <ann@example.com> wrote:".
  // Eudora: "At 6/16/2016 08:32 PM, you wrote:".
  // "At" is not an interruption: "On Tue, Jan 2, 2024 At 10:00 AM, Ann wrote:".
  { leads: ['On', 'At'], verbs: ['wrote', 'writes', 'says', 'said'], interrupts: ['On'] },
  // English, exmh and other Unix mailers: "In message <1234@host>, Bob writes:".
  { leads: ['In message'], verbs: ['writes'] },
  // Dutch: "Op 24 aug. 2013 om 16:48 heeft Ann <ann@example.com> het volgende geschreven:".
  { leads: ['Op'], verbs: ['het\\s+volgende\\s+geschreven'] },
  // Dutch Gmail: "Op 10 dec. 2015 18:35 schreef "Ann" <ann@example.com>:".
  { leads: ['Op'], verbs: ['schreef'], nameAfterVerb: true },
  // French: "Le 4 janv. 2016 19:03, "Ann" <ann@example.com> a écrit :".
  { leads: ['Le'], verbs: ['a\\s+écrit', 'nous\\s+a\\s+dit'] },
  // German: "Am 03.02.2016 um 15:35 hat Max geschrieben:", "Am …, schrieben Sie:".
  { leads: ['Am'], verbs: ['schrieben\\s+Sie', 'geschrieben'] },
  // German Gmail / Apple Mail: "Am 18.09.2013 um 16:24 schrieb Max <max@example.com>:".
  { leads: ['Am'], verbs: ['schrieb'], nameAfterVerb: true },
  // Italian: "Il 26 marzo 2016 alle 13.16 Ann <ann@example.com> ha scritto:".
  { leads: ['Il'], verbs: ['ha\\s+scritto'] },
  // Polish and Slovak: "Dnia 14 lip 2015 o godz. 00:25 Ann <ann@example.com> napisał(a):".
  { leads: ['Dnia', 'Dňa'], verbs: ['napisał\\(a\\)', 'napisał', 'napísal\\(a\\)', 'napísal'] },
  // Portuguese: "Em seg, 27 de jul de 2015 17:13, Ann <ann@example.com> escreveu:".
  { leads: ['Em'], verbs: ['escreveu'] },
  // Spanish: "El jueves, 21 de noviembre de 2013, Ann escribió:".
  { leads: ['El'], verbs: ['escribió'] },
  // Norwegian, Danish, Swedish: "Den 15. jun. 2016 kl. 20.42 skrev Ann <ann@example.com>:", and Gmail's
  // weekday-first form "søn. 30. apr. 2017 kl. 00.26 skrev Ann <ann@example.com>:".
  {
    leads: ['Den', 'man.', 'tir.', 'tirs.', 'ons.', 'tor.', 'tors.', 'fre.', 'lør.', 'søn.'],
    verbs: ['skrev'],
    nameAfterVerb: true,
  },
  // Chinese: "在 2016年12月12日，下午8:45，Ann <ann@example.com> 写道：".
  { leads: ['在'], verbs: ['写道'], unspaced: true },
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface CompiledLeadVerbRule {
  verb: RegExp;
  /** Any of the rule's interrupting opening words, anywhere. */
  interruption: RegExp;
  nameAfterVerb: boolean;
}

/** The rules by opening word, so that the one regex finding the opening word also picks the rules. */
const RULES_BY_LEAD = new Map<string, CompiledLeadVerbRule[]>();
for (const rule of LEAD_VERB_RULES) {
  const interrupts = (rule.interrupts ?? rule.leads).map(escapeRegExp);
  const compiled: CompiledLeadVerbRule = {
    verb: new RegExp(rule.unspaced ? `(?:${rule.verbs.join('|')})` : words(rule.verbs), 'iu'),
    interruption: new RegExp(rule.unspaced ? `(?:${interrupts.join('|')})` : words(interrupts), 'u'),
    nameAfterVerb: rule.nameAfterVerb ?? false,
  };
  for (const lead of rule.leads) RULES_BY_LEAD.set(lead, [...(RULES_BY_LEAD.get(lead) ?? []), compiled]);
}

// The opening word, after any quoting, dashes or stars ("> On …", "---- On … wrote ----"), followed by
// a space — except in Chinese, where the space is optional.
const leadAlternatives = (unspaced: boolean) =>
  [...new Set(LEAD_VERB_RULES.filter((rule) => (rule.unspaced ?? false) === unspaced).flatMap((rule) => rule.leads))].map(escapeRegExp).join('|');
const LEAD = new RegExp(`^[${BLANK}<>*\\-]*(?:(${leadAlternatives(false)})[${BLANK}]|(${leadAlternatives(true)})[${BLANK}]?)`, 'u');

/**
 * How far a line is from being a whole attribution: `open` means it could still become one if the
 * client wrapped it and the rest follows on the next lines.
 */
export type Completion = 'complete' | 'open' | 'impossible';

export function leadVerbCompletion(line: string): Completion {
  const lead = LEAD.exec(line);
  if (!lead) return 'impossible';
  const body = trimEndWhile(line.slice(lead[0].length), isClosingPunctuation);
  let best: Completion = 'impossible';
  for (const rule of RULES_BY_LEAD.get(lead[1] ?? lead[2] ?? '') ?? []) {
    const completion = ruleCompletion(line, body, rule);
    if (completion === 'complete') return completion;
    if (completion === 'open') best = completion;
  }
  return best;
}

function ruleCompletion(line: string, body: string, rule: CompiledLeadVerbRule): Completion {
  // The first verb must be the closing one: "On Monday I wrote to Bob, who said" is a sentence.
  const verb = rule.verb.exec(body);
  const middle = verb ? body.slice(0, verb.index) : body;
  // A second opening word means two attributions ran together, not one wrapped over lines.
  if (rule.interruption.test(middle)) return 'impossible';
  if (!verb) return 'open';
  // The date. Requiring a digit keeps "On Monday we met and Bob said:" in the reply.
  if (!/\d/.test(middle)) return 'impossible';
  const afterVerb = body.slice(verb.index + verb[0].length);
  if (!rule.nameAfterVerb) return afterVerb === '' ? 'complete' : 'impossible';
  return afterVerb.trim() !== '' && endsWithColon(line) ? 'complete' : 'open';
}

function matchesLeadVerb(line: string): boolean {
  return leadVerbCompletion(line) === 'complete';
}

// ---------------------------------------------------------------------------------------------------------
// "<someone> wrote on <date>:" — Gmail in German puts the name first:
// "Max Mustermann <max@example.com> schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:".

const SOMEONE_WROTE_ON = new RegExp(`^.+?${words(['wrote\\s+on', 'schrieb\\s+am'])}`, 'u');
const WROTE_AT_END = new RegExp(`${words(['wrote', 'schrieb'])}$`, 'u');

export function matchesSomeoneWroteOnDate(line: string): boolean {
  const match = SOMEONE_WROTE_ON.exec(line);
  if (!match) return false;
  return /\d/.test(line.slice(match[0].length)) && endsWithColon(line);
}

/**
 * Whether the line can begin such an attribution that the client wrapped: "Max <max@example.com> schrieb
 * am Fr., 28." + "Apr. 2017 um 11:53 Uhr:", or right after the verb: "Max <…> schrieb" + "am Fr., …:".
 */
export function mayStartSomeoneWroteOnDate(line: string): boolean {
  return WROTE_AT_END.test(line.trimEnd()) || SOMEONE_WROTE_ON.test(line);
}

// ---------------------------------------------------------------------------------------------------------
// "<date> <someone> wrote:" with the date first and no opening word (Gmail in Slavic languages):
// "понедельник, 6 октября 2014 г. пользователь lidel написал:", "23 mar 2017 21:25 "Ann" <…> napisał(a):",
// "30 серп. 2016 р. 20:45 "Ann" <ann@example.com> пише:".

interface DateSomeoneWroteRule {
  /** The closing verb with its colon, which must end the line. */
  verb: string;
  /** A word that must come between the year and the verb, when the language has one. */
  between?: string;
}

const DATE_SOMEONE_WROTE_RULES: readonly DateSomeoneWroteRule[] = [
  { verb: 'написал:', between: 'пользователь' }, // Russian
  { verb: 'napisał(a):' }, // Polish
  { verb: 'пише:' }, // Ukrainian
];

/** How far before the verb the year may be: a date, a time and a name with address. */
const DATE_TO_VERB_MAX = 170;

export function matchesDateSomeoneWrote(line: string): boolean {
  const trimmed = line.trimEnd();
  return DATE_SOMEONE_WROTE_RULES.some((rule) => {
    if (!trimmed.endsWith(rule.verb)) return false;
    const beforeVerb = trimmed.slice(0, trimmed.length - rule.verb.length);
    if (!/\s$/u.test(beforeVerb)) return false;
    const window = beforeVerb.slice(-DATE_TO_VERB_MAX);
    const year = /\d{4}/.exec(window);
    if (!year) return false;
    return rule.between === undefined || window.includes(rule.between, year.index + 4);
  });
}

// ---------------------------------------------------------------------------------------------------------
// "<date> <someone> <address>" with nothing else: Gmail in many languages, older Gmail.
// "2015-10-18 0:17 GMT+03:00 Matt Palmer <matt@example.com>:", "2013/10/2 camilo <camilo@example.com>",
// "вт, 5 янв. 2016 г. в 23:39, Erlend <erlend@example.com>:".

// The address in angle brackets, ending the line. Each scan stops at the next bracket or @, so the
// attempts from successive '<' never overlap: linear.
const TRAILING_BRACKETED_ADDRESS = /<[^@<>]+@[^@<>.]+\.[^@<>]+>:?$/;
// A year, then at most 80 characters of time and name, right before the address.
const YEAR_THEN_NAME = /\d{4}.{1,80}\s?$/u;

export function matchesDateSomeoneEmail(line: string): boolean {
  const address = TRAILING_BRACKETED_ADDRESS.exec(line);
  if (!address) return false;
  const before = line.slice(Math.max(0, address.index - 85), address.index);
  return YEAR_THEN_NAME.test(before);
}

// ---------------------------------------------------------------------------------------------------------
// The single-pattern markers.

const DATED_MARKERS: readonly RegExp[] = [
  // "2016-03-03 17:21 GMT+01:00 Some One" (Gmail with the address elided).
  new RegExp(`^[${BLANK}>]*20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d GMT[+-]\\d\\d:\\d\\d [${WORD_CHAR}${BLANK}]+$`, 'u'),
  // "Posted by mpalmer on 01/21/2016" (forum digests).
  new RegExp(`^[${BLANK}>]*Posted by .+ on \\d{2}/\\d{2}/\\d{4}$`, 'iu'),
];

// Forwarding and "original message" banners.
const FORWARD_BANNERS: readonly RegExp[] = [
  // Apple Mail, in English and French.
  new RegExp(`^[${BLANK}>]*(?:Begin forwarded message:|Début du message transféré :)`, 'iu'),
  // "-----Original Message-----" (Outlook), "---------- Forwarded message ---------" (Gmail),
  // "*----- Original Message -----*", in English, French, German, Spanish and Chinese.
  new RegExp(
    `^[${BLANK}>*]*-{2,}[${BLANK}]*` +
      '(?:(?:Forwarded|Original|Reply) Message|Message transféré|Ursprüngliche Nachricht|Mensaje original|原始邮件)' +
      `[${BLANK}]*-{2,}`,
    'iu',
  ),
];

// "codinghorror via Discourse Meta wrote:", "Ann via Discourse Meta <info@example.com> schrieb:"
// (mailing lists and forums rewrite the sender as "someone via something").
const VIA_WROTE_END = / (?:wrote|schrieb):?$/;

function matchesSomeoneViaSomethingWrote(line: string): boolean {
  const trimmed = line.trimEnd();
  const verb = VIA_WROTE_END.exec(trimmed);
  if (!verb) return false;
  const via = trimmed.indexOf(' via ', 1);
  return via >= 1 && via + ' via '.length < verb.index;
}

// "Some One <someone@example.com> wrote:", "Gavin Sinclair (gsinclair@example.com.au) wrote:".
// The address must be bracketed and right before the verb: "Mail bob@example.com, as Ann wrote:" is a
// sentence. Each attempt starts at a bracket and stops at the next one or at a space: linear.
const BRACKETED_ADDRESS_WROTE = /.[<([][^<>()[\]\s]+@[^<>()[\]\s]+[>)\]]\s*wrote:?$/;

function matchesSomeoneEmailWrote(line: string): boolean {
  return BRACKETED_ADDRESS_WROTE.test(line);
}

/** "<someone> via <something> wrote:" or "<someone> <address> wrote:". */
function matchesSomeoneWrote(line: string): boolean {
  const end = line.trimEnd();
  if (!end.endsWith('wrote') && !end.endsWith('wrote:') && !end.endsWith('schrieb') && !end.endsWith('schrieb:')) {
    return false;
  }
  return matchesSomeoneViaSomethingWrote(end) || matchesSomeoneEmailWrote(end);
}

// ---------------------------------------------------------------------------------------------------------

/**
 * True for a line that introduces an embedded (quoted or forwarded) email: an attribution such as
 * "On …, Ann wrote:" in any of the supported languages, or a forwarding banner.
 */
export function isEmbeddedEmailMarker(line: string): boolean {
  if (line.length > MAX_MARKER_LINE_LENGTH) return false;
  // Attributions with a date need a digit; checking for one first spares most lines most regexes.
  const dated =
    /\d/.test(line) &&
    (matchesLeadVerb(line) ||
      matchesSomeoneWroteOnDate(line) ||
      matchesDateSomeoneWrote(line) ||
      matchesDateSomeoneEmail(line) ||
      DATED_MARKERS.some((marker) => marker.test(line)));
  return dated || FORWARD_BANNERS.some((marker) => marker.test(line)) || matchesSomeoneWrote(line);
}
