// `npm run bench`: the speed targets live here, never in timed tests. Set DATABASE_URL to measure PostgreSQL.
// BENCH=mail, BENCH=memory, BENCH=queue or BENCH=imap runs one of them; BENCH_TICKETS sets the queue's size (default 10^6).
// BENCH_COLD_LOADS sets how many cold loads in chromium of the queue and of a ticket (default 10; 0 skips them).
import { benchImapIdleLatency } from './imap-idle-latency.ts';
import { benchMailToTicket } from './mail-to-ticket.ts';
import { benchMemory } from './memory.ts';
import { benchQueueAtScale } from './queue-at-scale.ts';

const only = process.env.BENCH;
if (!only || only === 'mail') {
  const mails = Number(process.env.BENCH_MAILS ?? 200);
  for (const pooled of [true, false]) console.log(await benchMailToTicket({ mails, pooled }));
  console.log(await benchMailToTicket({ mails: 30, pooled: true, sequential: true }));
}
if (!only || only === 'imap') {
  console.log(await benchImapIdleLatency({ mails: Number(process.env.BENCH_IMAP_MAILS ?? 20) }));
}
if (!only || only === 'memory') {
  console.log(await benchMemory());
}
if (!only || only === 'queue') {
  await benchQueueAtScale({ tickets: Number(process.env.BENCH_TICKETS ?? 1_000_000), samples: Number(process.env.BENCH_SAMPLES ?? 200) });
}
process.exit(0);
