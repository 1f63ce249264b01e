// Seeded mutations of real mail for the fuzz test (issue 10): the ways broken mailers, hostile senders and
// lossy relays bend a message. Every case draws from its own PRNG, seeded from the run's seed and the case's
// number, so one case is reproduced alone (FUZZ_SEED, FUZZ_CASE) whatever ran before it.

/** mulberry32: small, fast, and the same numbers on every machine for a seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export const caseRandom = (seed: number, index: number) => prng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));

type Random = () => number;
const int = (random: Random, max: number) => Math.floor(random() * max);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!;

/** Mail as text, one byte per character (latin1), so any byte survives the round trip. */
type Mail = string;

function split(mail: Mail): { head: string; body: string; eol: string } {
  const match = /\r?\n\r?\n/.exec(mail);
  if (!match) return { head: mail, body: '', eol: '\r\n' };
  return { head: mail.slice(0, match.index), body: mail.slice(match.index + match[0].length), eol: match[0].startsWith('\r') ? '\r\n' : '\n' };
}
const join = ({ head, body, eol }: { head: string; body: string; eol: string }) => `${head}${eol}${eol}${body}`;
const headerLines = (head: string) => head.split(/\r?\n(?![ \t])/);

/** Replaces (or adds) the top-level header `name`. */
function withHeader(mail: Mail, name: string, value: string): Mail {
  const parts = split(mail);
  const lines = headerLines(parts.head).filter((line) => !line.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return join({ ...parts, head: [...lines, `${name}: ${value}`].join(parts.eol) });
}

const MUTATIONS: Record<string, (mail: Mail, random: Random) => Mail> = {
  truncate: (mail, random) => mail.slice(0, int(random, mail.length + 1)),
  duplicateHeader(mail, random) {
    const parts = split(mail);
    const lines = headerLines(parts.head);
    const line = pick(random, lines);
    const copies = Array.from({ length: 2 + int(random, 60) }, () => line);
    return join({ ...parts, head: [...lines, ...copies].join(parts.eol) });
  },
  hugeHeader(mail, random) {
    const name = pick(random, ['Subject', 'From', 'To', 'Cc', 'References', 'X-Fuzz', 'Content-Type']);
    const filler = pick(random, ['a', 'a@b.c, ', '<x@y> ', '=?utf-8?B?AAAA?= ', ' ;x=y', '\t']);
    return withHeader(mail, name, filler.repeat(1 + int(random, 50_000 / filler.length)));
  },
  brokenBoundary(mail, random) {
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(mail)?.[1];
    if (!boundary) return withHeader(mail, 'Content-Type', `multipart/mixed; boundary=${pick(random, ['', '"', 'x'.repeat(200), 'B'])}`);
    const marker = `--${boundary}`;
    const at = mail.indexOf(marker, int(random, mail.length));
    if (at < 0) return mail.replaceAll(`${marker}--`, marker); // no closing boundary
    const replacement = pick(random, ['', `${marker}--`, `--${boundary.slice(1)}`, `${marker}\u0000`, `${marker}${marker}`]);
    return mail.slice(0, at) + replacement + mail.slice(at + marker.length);
  },
  invalidBase64(mail, random) {
    const parts = split(mail);
    const garbage = pick(random, ['!!!!', '====', 'QUJD=RA', 'A', '@@@\r\nZm9v\u0000', 'Zm9v'.repeat(50) + '=']);
    const head = headerLines(parts.head)
      .filter((l) => !/^content-transfer-encoding:/i.test(l))
      .concat('Content-Transfer-Encoding: base64');
    return join({ ...parts, head: head.join(parts.eol), body: parts.body.slice(0, int(random, parts.body.length + 1)) + garbage });
  },
  invalidQuotedPrintable(mail, random) {
    const parts = split(mail);
    const garbage = pick(random, ['=ZZ', '=', '=0', '=00=00', `=${parts.eol}=${parts.eol}`, '=\u0000', '=E9=FF=FE']);
    const head = headerLines(parts.head)
      .filter((l) => !/^content-transfer-encoding:/i.test(l))
      .concat('Content-Transfer-Encoding: quoted-printable');
    const at = int(random, parts.body.length + 1);
    return join({ ...parts, head: head.join(parts.eol), body: parts.body.slice(0, at) + garbage + parts.body.slice(at) });
  },
  deepMultipart(mail, random) {
    const parts = split(mail);
    const depth = 50 + int(random, 200);
    let body = `Content-Type: text/plain${parts.eol}${parts.eol}${parts.body}`;
    for (let level = depth; level > 0; level--) {
      body = `Content-Type: multipart/mixed; boundary=b${level}${parts.eol}${parts.eol}--b${level}${parts.eol}${body}${parts.eol}--b${level}--`;
    }
    const head = headerLines(parts.head).filter((l) => !/^content-(type|transfer-encoding):/i.test(l));
    return `${head.join(parts.eol)}${parts.eol}${body}`;
  },
  nulBytes(mail, random) {
    let out = mail;
    for (let n = 1 + int(random, 8); n > 0; n--) {
      const at = int(random, out.length + 1);
      out = out.slice(0, at) + pick(random, ['\u0000', '=00', '=?utf-8?Q?a=00b?=', '&#0;']) + out.slice(at);
    }
    return out;
  },
  mixedLineEndings: (mail, random) => mail.replace(/\r?\n/g, () => pick(random, ['\r\n', '\n', '\r', '\n\r', '\r\r\n'])),
  bogusCharset(mail, random) {
    const charset = pick(random, ['x-bogus', 'utf-7', 'utf-16', 'iso-2022-jp', '""', 'utf-8; charset=latin1', 'ébc', 'x'.repeat(300)]);
    const subject = `=?${charset}?B?${Buffer.from('Bogus charset \u00ff\u00fe').toString('base64')}?=`;
    const typed = mail.replace(/charset="?[^";\r\n]*"?/gi, `charset=${charset}`);
    return withHeader(typed === mail ? withHeader(mail, 'Content-Type', `text/plain; charset=${charset}`) : typed, 'Subject', subject);
  },
  emptyContentType: (mail, random) =>
    mail.replace(/^(Content-Type:)[^\r\n]*/gim, (_all, name) => `${name}${pick(random, ['', ' ', ';', '; charset=utf-8', '; name=x.txt', ' /'])}`),
  longMessageId: (mail, random) => withHeader(mail, pick(random, ['Message-ID', 'In-Reply-To', 'References']), `<${'i'.repeat(1000 + int(random, 5000))}@x>`),
  flipBytes(mail, random) {
    const bytes = Buffer.from(mail, 'latin1');
    for (let n = 1 + int(random, 20); n > 0 && bytes.length > 0; n--) bytes[int(random, bytes.length)] = int(random, 256);
    return bytes.toString('latin1');
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One to three mutations of `raw`, drawn from `random`; answers the bytes and the mutations' names. */
export function mutateMail(raw: Buffer, random: Random): { raw: Buffer; mutations: string[] } {
  let mail: Mail = raw.toString('latin1');
  const mutations: string[] = [];
  for (let n = 1 + int(random, 3); n > 0; n--) {
    const name = pick(random, MUTATION_NAMES);
    mail = MUTATIONS[name]!(mail, random);
    mutations.push(name);
  }
  return { raw: Buffer.from(mail, 'latin1'), mutations };
}
