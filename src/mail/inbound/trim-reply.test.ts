import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { trimReply } from './trim-reply.ts';

// Discourse's email_reply_trimmer test data (see PROVENANCE.md there): emails/X.txt is a reply body,
// trimmed/X.txt what should be kept, elided/X.txt what should be cut. Read in place, never copied.
const CORPUS = resolve(import.meta.dirname, '../../../../shared/corpora/email_reply_trimmer');

/** The share of `kept` texts that must match exactly. Currently all 64 do; a later issue raises this. */
const KEPT_FLOOR = 0.9;
/** The same for the elided part, which upstream checks as strictly. */
const ELIDED_FLOOR = 0.9;

/** How the corpus is compared: line endings normalised, surrounding whitespace ignored on both sides. */
const normalise = (text: string) => text.replace(/\r\n/g, '\n').trim();
const read = (folder: string, name: string) => readFileSync(join(CORPUS, folder, name), 'utf8');

function corpusAvailable(t: TestContext): boolean {
  if (existsSync(join(CORPUS, 'emails'))) return true;
  const message = `!!! email_reply_trimmer corpus not found at ${CORPUS}: the reply-trimmer corpus test did NOT run !!!`;
  if (process.env.CI === 'true') assert.fail(message);
  console.warn(message);
  t.diagnostic(message);
  t.skip(message);
  return false;
}

describe('trimReply on the email_reply_trimmer corpus', () => {
  it('has a trimmed and an elided file for every email', (t) => {
    if (!corpusAvailable(t)) return;
    const emails = readdirSync(join(CORPUS, 'emails')).sort();
    assert.ok(emails.length > 0, 'the corpus has no emails');
    assert.deepEqual(readdirSync(join(CORPUS, 'trimmed')).sort(), emails);
    assert.deepEqual(readdirSync(join(CORPUS, 'elided')).sort(), emails);
  });

  it(`keeps exactly the expected text for at least ${KEPT_FLOOR * 100}% of the emails`, (t) => {
    if (!corpusAvailable(t)) return;
    const emails = readdirSync(join(CORPUS, 'emails'))
      .filter((name) => name.endsWith('.txt'))
      .sort();
    const keptFailures: string[] = [];
    const elidedFailures: string[] = [];
    for (const name of emails) {
      const { kept, elided } = trimReply(read('emails', name));
      if (normalise(kept) !== normalise(read('trimmed', name))) keptFailures.push(name);
      if (normalise(elided) !== normalise(read('elided', name))) elidedFailures.push(name);
    }
    const total = emails.length;
    const keptPassed = total - keptFailures.length;
    const elidedPassed = total - elidedFailures.length;
    const report = `trimmer: ${keptPassed}/${total} kept, ${elidedPassed}/${total} elided`;
    console.log(report);
    t.diagnostic(report);
    if (keptFailures.length > 0) t.diagnostic(`kept differs for: ${keptFailures.join(', ')}`);
    if (elidedFailures.length > 0) t.diagnostic(`elided differs for: ${elidedFailures.join(', ')}`);

    assert.ok(keptPassed >= KEPT_FLOOR * total, `${report}; below the ${KEPT_FLOOR * 100}% floor. kept differs for: ${keptFailures.join(', ')}`);
    assert.ok(elidedPassed >= ELIDED_FLOOR * total, `${report}; below the ${ELIDED_FLOOR * 100}% floor. elided differs for: ${elidedFailures.join(', ')}`);
  });
});

// A safety net, not a benchmark: a regex that backtracks catastrophically takes minutes on these, a linear
// one milliseconds. CPU time rather than wall time, so that a busy CI machine does not fail it.
function assertFast(label: string, text: string): void {
  const before = process.cpuUsage();
  trimReply(text);
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000;
  assert.ok(ms < 1000, `${label} took ${ms.toFixed(0)} ms of CPU`);
}

describe('trimReply on hostile input', () => {
  it('handles the matcher regression fixture quickly, without finding an embedded mail in it', (t) => {
    if (!corpusAvailable(t)) return;
    const text = read('matchers', 'does_not_contain_embedded_email.txt');
    assertFast('does_not_contain_embedded_email.txt', text);
    assert.equal(trimReply(text).elided, '');
  });

  const HUGE = 100_000;
  const longLines: Record<string, string> = {
    '"> " × 100,000': '> '.repeat(HUGE),
    '"bq" × 100,000': 'bq'.repeat(HUGE),
    '"On x wrote:" × 100,000': 'On x wrote:'.repeat(HUGE),
    '"On 1 x wrote:" × 100,000': 'On 1 x wrote:'.repeat(HUGE),
    'an attribution opening followed by 100,000 non-verbs': `On 1 Jan 2024 ${'xwrote. '.repeat(HUGE)}`,
    '100,000 "schrieb" after "Am"': `Am 1.1.2024 ${'schrieb '.repeat(HUGE)}`,
    '100,000 years before an unclosed address': `${'2016 <'.repeat(HUGE)}a@b`,
    '100,000 addresses before "wrote:"': `${'<a@b.cc> '.repeat(HUGE)}wrote:`,
    '100,000 " via " before "wrote:"': `${' via '.repeat(HUGE)} wrote:`,
    '100,000 unclosed link brackets': '[a]('.repeat(HUGE),
    '100,000 quote-name prefixes': 'a>'.repeat(HUGE),
    'a header name and 200,000 spaces': `From:${' '.repeat(2 * HUGE)}`,
    'a verb and 100,000 dots before a letter': `On 1 x wrote${'.'.repeat(HUGE)}x`,
  };
  for (const [label, text] of Object.entries(longLines)) {
    it(`finishes well under a second on ${label}`, () => assertFast(label, text));
  }

  // Many lines rather than one long one: catches a pass that rescans the rest of the body for every line.
  const LINES = 50_000;
  const manyLines: Record<string, string> = {
    '"> "': '> \n',
    '"bq"': 'bq\n',
    '"On x wrote:"': 'On x wrote:\n',
    'attribution openings that never close': 'On 1 Jan 2024\n',
    'unclosed code fences': '```a\n',
    'unclosed PGP signatures': '-----BEGIN PGP SIGNATURE-----\n',
    'unclosed enclosed quotes': '>>> Ann >>>\n>>>>\n',
    'headers, markers and quotes': 'text\nFrom: a\n2016 <\nOn 1 x\n> q\n',
  };
  for (const [label, unit] of Object.entries(manyLines)) {
    const linesPerUnit = unit.split('\n').length - 1;
    it(`finishes well under a second on ${LINES.toLocaleString('en')} lines of ${label}`, () =>
      assertFast(label, unit.repeat(Math.ceil(LINES / linesPerUnit))));
  }
});

describe('trimReply on common clients', () => {
  const reply = 'Thanks, that fixed it.';

  it('cuts at a Gmail attribution', () => {
    const quoted = 'On Mon, 1 Jan 2024 at 10:00, Ann Example <ann@example.com> wrote:\n\n> Did you restart it?\n>\n> Ann';
    assert.deepEqual(trimReply(`${reply}\n\n${quoted}\n`), { kept: reply, elided: quoted });
  });

  it('cuts at a Gmail attribution wrapped over two lines, and joins it', () => {
    const wrappings: [wrapped: string, joined: string][] = [
      ['On Mon, 1 Jan 2024 at 10:00, Ann Example <\nann@example.com> wrote:', 'On Mon, 1 Jan 2024 at 10:00, Ann Example < ann@example.com> wrote:'],
      ['On Mon, 1 Jan 2024 at 10:00, Ann Example <ann@example.com>\nwrote:', 'On Mon, 1 Jan 2024 at 10:00, Ann Example <ann@example.com> wrote:'],
    ];
    for (const [wrapped, joined] of wrappings) {
      assert.deepEqual(trimReply(`${reply}\n\n${wrapped}\n\n> Did you restart it?`), {
        kept: reply,
        elided: `${joined}\n\n> Did you restart it?`,
      });
    }
  });

  it('cuts at an Outlook "-----Original Message-----" banner', () => {
    const original = [
      '-----Original Message-----',
      'From: Support <support@example.com>',
      'Sent: Monday, January 1, 2024 10:00 AM',
      'To: Bob <bob@example.com>',
      'Subject: RE: [#42] Printer',
      '',
      'Is it working now?',
    ].join('\n');
    assert.deepEqual(trimReply(`Please close the ticket.\n\n${original}`), { kept: 'Please close the ticket.', elided: original });
  });

  it('cuts at an Outlook header block without a banner', () => {
    const headers = [
      'From: Support <support@example.com>',
      'Sent: Monday, January 1, 2024 10:00 AM',
      'To: Bob <bob@example.com>',
      'Subject: RE: [#42] Printer',
      '',
      'Is it working now?',
    ].join('\n');
    assert.deepEqual(trimReply(`Please close the ticket.\n\n${headers}`), { kept: 'Please close the ticket.', elided: headers });
    // Outlook's rule above the headers is a delimiter: same cut.
    const ruled = `________________________________\n${headers}`;
    assert.deepEqual(trimReply(`Please close the ticket.\n${ruled}`), { kept: 'Please close the ticket.', elided: ruled });
  });

  it('cuts at an Apple Mail attribution, quoted or not', () => {
    for (const quoted of [
      'On 1 Jan 2024, at 10:00, Ann Example wrote:\n\n> Can we meet tomorrow?',
      '> On 1 Jan 2024, at 10:00, Ann Example <ann@example.com> wrote:\n>\n> Can we meet tomorrow?',
    ]) {
      assert.deepEqual(trimReply(`Yes, tomorrow works.\n\n${quoted}`), { kept: 'Yes, tomorrow works.', elided: quoted });
    }
  });

  it('removes "Sent from my iPhone" but keeps what is signed below it', () => {
    assert.deepEqual(trimReply('On my way.\n\nSent from my iPhone'), { kept: 'On my way.', elided: 'Sent from my iPhone' });
    assert.deepEqual(trimReply('On my way.\nSent from my iPhone\nBob'), { kept: 'On my way.\nBob', elided: 'Sent from my iPhone' });
  });

  it('cuts at the "-- " signature delimiter', () => {
    const signature = '-- \nBob Builder\nACME Corp\n+1 555 0100';
    assert.deepEqual(trimReply(`Here is the log.\n\n${signature}`), { kept: 'Here is the log.', elided: signature });
  });

  it('keeps a Gmail bullet list whose "-" and "*" bullets stand on lines of their own (bullet_list_reply.eml)', () => {
    const list = 'I would like the following changes:\n\n   -\n\n   Rename the first field.\n   *\n\n   Add a description.\n   -\n   Save it.';
    const quote = 'On Mon, Nov 30, 2026 at 10:00 AM Ann <ann@example.com> wrote:\n> The proposal';
    assert.deepEqual(trimReply(`${list}\n\n${quote}`), { kept: list, elided: quote });
  });

  it('drops the quote below a reply, keeps inline answers between quotes', () => {
    assert.deepEqual(trimReply('Yes.\n\n> Is the printer on?\n> Ann'), { kept: 'Yes.', elided: '> Is the printer on?\n> Ann' });
    const inline = '> Is the printer on?\n\nYes.\n\n> Is it plugged in?\n\nAlso yes.';
    assert.deepEqual(trimReply(inline), { kept: inline, elided: '' });
  });

  it('keeps a reply written below the quote', () => {
    const quoted = 'On Mon, 1 Jan 2024 at 10:00, Ann <ann@example.com> wrote:\n\n> Is the printer on?';
    assert.deepEqual(trimReply(`${quoted}\n\nYes, it is.`), { kept: 'Yes, it is.', elided: quoted });
  });

  it('cuts at German attributions', () => {
    for (const attribution of [
      'Am 01.01.2024 um 10:00 schrieb Ann Beispiel <ann@example.com>:',
      'Am Mo., 1. Jan. 2024 um 10:00 Uhr schrieb Ann Beispiel <ann@example.com>:',
      'Ann Beispiel <ann@example.com> schrieb am Mo., 1. Jan. 2024 um 10:00 Uhr:',
    ]) {
      const quoted = `${attribution}\n\n> Haben Sie es neu gestartet?`;
      assert.deepEqual(trimReply(`Danke, das hat geholfen.\n\n${quoted}`), { kept: 'Danke, das hat geholfen.', elided: quoted });
    }
  });

  it('keeps sentences that only look like markers', () => {
    for (const text of [
      'On Monday we met and Bob said:\nthe printer is broken.',
      'From my point of view, the printer is broken.',
      'Q: does it print?\nA: no, it does not.\nThanks',
      'Mail bob@example.com, as Ann wrote:\nit is the printer.',
      'In 2016 we bought it\n<we still have the receipt>',
    ]) {
      assert.deepEqual(trimReply(text), { kept: text, elided: '' }, text);
    }
  });

  it('keeps a fenced code block whole, whatever it contains', () => {
    const text = 'The config:\n\n```\n# comment\n--\n> not a quote\n```\n\nThanks';
    assert.deepEqual(trimReply(text), { kept: text, elided: '' });
  });

  it('handles empty bodies, CRLF line endings and quote-only mails', () => {
    assert.deepEqual(trimReply(''), { kept: '', elided: '' });
    assert.deepEqual(trimReply(' \n\t\n'), { kept: '', elided: '' });
    assert.deepEqual(trimReply('Hello\r\n\r\n> quoted\r\n'), { kept: 'Hello', elided: '> quoted' });
    assert.deepEqual(trimReply('> only a quote\n> two lines'), { kept: '> only a quote\n> two lines', elided: '' });
  });
});
