// `npm run bench`: the speed targets live here, never in timed tests. Set DATABASE_URL to measure PostgreSQL.
import { benchMailToTicket } from './mail-to-ticket.ts';

const mails = Number(process.env.BENCH_MAILS ?? 200);
for (const pooled of [true, false]) console.log(await benchMailToTicket({ mails, pooled }));
console.log(await benchMailToTicket({ mails: 30, pooled: true, sequential: true }));
process.exit(0);
