// The fuzz test (issue 10): corpus mail mutated (mail-mutations.ts) and run through the real pipeline, as a
// new mail and as a reply. Zero crashes (the ingest job never throws), zero stuck (each ends processed or
// ignored; `failed` is a finding too, unless its recorded error is a parser limit the mail went over).
// FUZZ_CASES cases (2,000 by default; `npm run fuzz` runs 100,000), FUZZ_CASE to replay one case alone.
// FUZZ_SEED: `npm test` runs the same cases every time (a red run means a change broke something, not luck;
// the default seed is the one that found NUL bytes in bounces); `npm run fuzz` draws a new seed (`random`).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CORPORA, corpusSkip } from '../helpers/corpora.ts';
import { inProcessMail } from '../helpers/in-process-mail.ts';
import { caseRandom, mutateMail } from '../helpers/mail-mutations.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const FOLDERS = ['gitlab_emails', 'mailparser_fixtures/fixtures'];
/** The three 0.5–1.1 MB stress files are left out as seeds: the corpora test runs them, and here they only cost time. */
const MAX_SEED_BYTES = 64 * 1024;
const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 1960286131);
const ONLY = process.env.FUZZ_CASE === undefined ? null : Number(process.env.FUZZ_CASE);
/** A header block over mailparser's 1 MB (a huge header copied many times): unreadable, so `failed`, named. */
const PARSER_LIMIT = /^Error: Max header size for a MIME node exceeded$/;

const skip = corpusSkip('mail-fuzz.test.ts', ...FOLDERS);
const seeds = skip
  ? []
  : FOLDERS.flatMap((folder) => readdirSync(join(CORPORA, folder)).map((name) => join(CORPORA, folder, name)))
      .filter((path) => path.endsWith('.eml') && statSync(path).size <= MAX_SEED_BYTES)
      .sort()
      .map((path) => readFileSync(path));

describe('mutated corpus mail never crashes ingest and never stays received', { skip }, () => {
  let t: TestApp;
  let desk: string;
  let replyAddress: string;
  let deliver: ReturnType<typeof inProcessMail>;

  before(async () => {
    t = await startTestApp();
    const owner = await t.user();
    const project = await t.project(owner);
    desk = (await t.request(owner.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.service_desk_address;
    deliver = inProcessMail(t);
    const opened = await deliver(Buffer.from(`From: base@example.com\r\nTo: ${desk}\r\nSubject: Base\r\n\r\nReply to me.\r\n`), { to: [desk] });
    const thankYou = await t.ctx.db.db.selectFrom('outbound_messages').select('reply_to').where('ticket_id', '=', opened.ticket_id).executeTakeFirstOrThrow();
    replyAddress = /<([^>]+)>/.exec(thankYou.reply_to ?? '')![1]!;
  });
  after(() => t.close());

  it(`${ONLY === null ? CASES : 1} cases, seed ${SEED}`, async (context) => {
    context.diagnostic(`FUZZ_SEED=${SEED} FUZZ_CASES=${CASES} (replay one case with FUZZ_CASE=<n>)`);
    console.log(`mail fuzz: FUZZ_SEED=${SEED}, ${ONLY === null ? `${CASES} cases` : `case ${ONLY}`} over ${seeds.length} corpus mails`);
    const findings: string[] = [];
    const states: Record<string, number> = {};
    for (let index = ONLY ?? 0; index < (ONLY === null ? CASES : ONLY + 1); index++) {
      const random = caseRandom(SEED, index);
      const seed = seeds[Math.floor(random() * seeds.length)]!;
      const { raw, mutations } = mutateMail(seed, random);
      const to = random() < 0.5 ? desk : replyAddress;
      const label = `case ${index} (FUZZ_SEED=${SEED} FUZZ_CASE=${index}; ${mutations.join(', ')}; to ${to === desk ? 'the desk' : 'a reply key'})`;
      try {
        const outcome = await deliver(raw, { to: [to] });
        states[outcome.state] = (states[outcome.state] ?? 0) + 1;
        const expected = outcome.state === 'processed' || outcome.state === 'ignored' || (outcome.state === 'failed' && PARSER_LIMIT.test(outcome.error ?? ''));
        if (!expected) findings.push(`${label}: ${outcome.state} ${outcome.error ?? ''}`);
      } catch (error) {
        findings.push(`${label}: ingest threw ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
    console.log(`mail fuzz outcomes: ${JSON.stringify(states)}`);
    assert.deepEqual(findings, [], `${findings.length} findings`);
  });
});
