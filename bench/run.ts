// `npm run bench`: the speed targets live here, never in timed tests. Prints one table — each figure's median
// (min–max) over the runs beside the machine's floor measured in the same runs (bench/floor.ts) and the
// ratio — and writes it to bench/results.json. Progress goes to stderr. Set DATABASE_URL to measure PostgreSQL.
// `npm run bench -- --quick`: fewer and shorter runs and a small queue (under two minutes; CI runs it).
// BENCH=mail, BENCH=memory, BENCH=queue or BENCH=imap runs one of them; BENCH_RUNS sets the rounds (default 5, quick 3);
// BENCH_TICKETS sets the queue's size (default 10^6); BENCH_COLD_LOADS the cold loads in chromium of the
// queue and of a ticket (default 10; 0 skips them).
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { benchImapIdleLatency } from './imap-idle-latency.ts';
import { mailRows } from './mail-figures.ts';
import { benchMemory } from './memory.ts';
import { benchQueueAtScale } from './queue-at-scale.ts';
import { jsonRows, markdownTable, type Row } from './table.ts';

const quick = process.argv.includes('--quick');
const only = process.env.BENCH;
const runs = Number(process.env.BENCH_RUNS ?? (quick ? 3 : 5));
const log = (line: string) => console.error(line);
const loadAtStart = loadavg();
const rows: Row[] = [];

if (!only || only === 'mail') {
  rows.push(...(await mailRows({ runs, scale: quick ? 0.1 : 1, floorSecs: quick ? 0.5 : 4, log })));
}
if (!only || only === 'imap') {
  const line = await benchImapIdleLatency({ mails: Number(process.env.BENCH_IMAP_MAILS ?? (quick ? 5 : 20)) });
  log(line);
  const colon = line.indexOf(': ');
  rows.push({ figure: line.slice(0, colon), unit: 'ms', postdesk: line.slice(colon + 2) });
}
if (!only || only === 'memory') {
  rows.push(...(await benchMemory({ runs, log })));
}
if (!only || only === 'queue') {
  const lines = await benchQueueAtScale({
    tickets: Number(process.env.BENCH_TICKETS ?? (quick ? 10_000 : 1_000_000)),
    samples: Number(process.env.BENCH_SAMPLES ?? (quick ? 20 : 200)),
    coldLoads: Number(process.env.BENCH_COLD_LOADS ?? (quick ? 1 : 10)),
    log,
  });
  // The timed lines make the rows; the rest (seeding, search hits, page weights, waterfalls) stay in the log above.
  for (const line of lines.filter((l) => / p50 /.test(l))) {
    const colon = line.indexOf(': ');
    const figure = line.slice(0, colon).replace(/\s+/g, ' ');
    rows.push({ figure, unit: 'ms', postdesk: line.slice(colon + 2).replace(/\s*\[.*\]$/, '') });
  }
}

const header = `${quick ? 'quick bench' : 'bench'}, ${runs} runs per figure, ${new Date().toISOString()}, load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} at the start and ${loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')} at the end`;
console.log(`${header}\n\n${markdownTable(rows)}`);
writeFileSync(
  join(import.meta.dirname, 'results.json'),
  `${JSON.stringify({ quick, runs, node: process.version, loadAtStart, loadAtEnd: loadavg(), rows: jsonRows(rows) }, null, 2)}\n`,
);
process.exit(0);
