// The queue at scale (issue 7, "Speed"): BENCH_TICKETS tickets (default 10^6) in one project, 10 % open,
// then through the real HTTP app (inject): the queue's first page with X-Total, opening a ticket with 200
// notes (the ticket and its notes, as the ticket screen loads them), and full-text searches; then cold loads
// of the queue and of that ticket in chromium (queue-cold-load.ts).
// Seeding writes rows in bulk straight through Kysely, but the database's own triggers keep counters,
// the FTS index and last activity exactly as for the app's writes; nothing is patched up afterwards.
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { pino } from 'pino';
import { bootstrapInstance } from '../src/app/instance/bootstrap-instance.ts';
import { createProject } from '../src/app/projects/create-project.ts';
import { createPersonalAccessToken } from '../src/app/tokens/create-personal-access-token.ts';
import { supportBot } from '../src/app/users/support-bot.ts';
import { createContext, type Context } from '../src/context.ts';
import { SYSTEM_ACTOR } from '../src/domain/actor.ts';
import { buildHttpApp } from '../src/http/app.ts';
import { createTestDatabase } from '../test/helpers/database.ts';
import { benchColdLoads } from './queue-cold-load.ts';
import { testConfig } from '../test/helpers/test-app.ts';
import { makeVocabulary, mulberry32 } from './synthetic-text.ts';

const BATCH = 1000;
const BATCHES_PER_TRANSACTION = 20;
const ROOT_PASSWORD = 'bench root password';

/** Returns the figures as lines `name: value`, and reports each to `log` as it is measured. */
export async function benchQueueAtScale(options: { tickets: number; samples: number; coldLoads: number; log: (line: string) => void }): Promise<string[]> {
  const database = await createTestDatabase();
  const ctx = createContext(testConfig(database.dataDir, database.config, { POSTDESK_ROOT_PASSWORD: ROOT_PASSWORD }), {
    db: database.open(),
    logger: pino({ level: 'silent' }),
  });
  await bootstrapInstance(ctx);
  const root = await ctx.db.db.selectFrom('users').select('id').where('username', '=', 'root').executeTakeFirstOrThrow();
  const project = await createProject(ctx, SYSTEM_ACTOR, { name: 'Bench', path: 'bench', ownerId: root.id });
  const { token } = await createPersonalAccessToken(ctx, SYSTEM_ACTOR, root.id, { name: 'bench' });
  const dialect = ctx.db.dialect;
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    options.log(line);
  };

  const seeded = await seed(ctx, project.id, options.tickets);
  say(
    `queue@scale ${dialect.padEnd(8)} seeded ${options.tickets} tickets (${seeded.open} open) + ${seeded.notes} notes in ${(seeded.ms / 1000).toFixed(0)} s ` +
      `(${((options.tickets * 1000) / seeded.ms).toFixed(0)} tickets/s, counters, FTS and last activity by the triggers)`,
  );
  // What the running app gets by itself: SQLite's hourly `pragma optimize` (connect.ts), PostgreSQL's autovacuum.
  const analyzeStarted = Date.now();
  await (dialect === 'sqlite' ? sql`pragma optimize` : sql`vacuum analyze`).execute(ctx.db.db);
  say(`queue@scale ${dialect.padEnd(8)} ${dialect === 'sqlite' ? 'pragma optimize' : 'vacuum analyze'} ${((Date.now() - analyzeStarted) / 1000).toFixed(1)} s`);

  const http = buildHttpApp(ctx);
  await http.ready();
  const get = async (url: string) => {
    const response = await http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  const base = `/api/v1/projects/${project.id}`;

  const queue = await measure(options.samples, async () => {
    const response = await get(`${base}/tickets?state=opened`);
    if (response.headers['x-total'] !== String(seeded.open)) throw new Error(`X-Total ${response.headers['x-total']}, expected ${seeded.open}`);
  });
  say(`queue@scale ${dialect.padEnd(8)} queue first page (opened, newest first, 20 rows, X-Total): ${queue}`);
  const byActivity = await measure(options.samples, () => get(`${base}/tickets?state=opened&order_by=last_activity_at`));
  say(`queue@scale ${dialect.padEnd(8)} queue first page by last activity: ${byActivity}`);
  const counts = await measure(options.samples, () => get(`${base}/ticket_counts`));
  say(`queue@scale ${dialect.padEnd(8)} ticket_counts: ${counts}`);

  const opening = await measure(options.samples, async () => {
    await get(`${base}/tickets/${seeded.heavyIid}`);
    const notes = await get(`${base}/tickets/${seeded.heavyIid}/notes?per_page=200`);
    if (JSON.parse(notes.body).length !== 200 || notes.headers['x-next-cursor']) throw new Error('expected the 200 notes in one page');
  });
  say(`queue@scale ${dialect.padEnd(8)} opening a ticket with 200 notes (ticket + 1 page of 200 notes, as the ticket screen asks): ${opening}`);

  for (const { label, terms } of seeded.searches) {
    const hits: string[] = [];
    for (const term of terms) {
      const counts = JSON.parse((await get(`${base}/ticket_counts?search=${encodeURIComponent(term)}`)).body);
      const open = `${counts.opened}${counts.at_least.includes('opened') ? '+' : ''}`;
      const listed = await get(`${base}/tickets?search=${encodeURIComponent(term)}`);
      hits.push(`${term}: ${open} open, X-Total ${listed.headers['x-total'] ?? 'left out'}`);
    }
    let i = 0;
    const searching = await measure(options.samples, () => get(`${base}/tickets?search=${encodeURIComponent(terms[i++ % terms.length]!)}`));
    say(`queue@scale ${dialect.padEnd(8)} search, ${label}: ${searching}  [${hits.join('; ')}]`);
    let j = 0;
    const counting = await measure(options.samples, () => get(`${base}/ticket_counts?search=${encodeURIComponent(terms[j++ % terms.length]!)}`));
    say(`queue@scale ${dialect.padEnd(8)}   its tab counts (ticket_counts, each state to 1,000): ${counting}`);
  }

  await http.close();

  const loads = options.coldLoads;
  if (loads > 0)
    await benchColdLoads({
      ctx,
      projectId: project.id,
      projectPath: project.path,
      rootPassword: ROOT_PASSWORD,
      openCount: seeded.open,
      heavyIid: seeded.heavyIid,
      loads,
      say,
    });
  await ctx.db.close();
  await database.drop();
  return lines;
}

/**
 * Runs `work` `samples` times after a short warm-up: wall-clock p50/p95/max, and this process's CPU time
 * per request (on SQLite that includes the database, which runs in-process) with the load average, since
 * on a shared machine the wall clock also measures the neighbours.
 */
async function measure(samples: number, work: () => Promise<unknown>): Promise<string> {
  for (let i = 0; i < 5; i++) await work();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < samples; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const at = (list: number[], q: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))]!.toFixed(1);
  return (
    `p50 ${at(times, 0.5)} ms, p95 ${at(times, 0.95)} ms, max ${at(times, 1)} ms; ` +
    `CPU p50 ${at(cpu, 0.5)} ms, p95 ${at(cpu, 0.95)} ms (${samples} requests, load ${loadavg()[0]!.toFixed(1)})`
  );
}

interface Seeded {
  ms: number;
  open: number;
  notes: number;
  heavyIid: number;
  searches: Array<{ label: string; terms: string[] }>;
}

/**
 * One ticket every 30 s over the last year; 10 % open (more of the recent ones), half confidential, from
 * 50,000 customers; titles and descriptions from a Zipf-distributed vocabulary, some naming an address;
 * one comment on every tenth ticket; one ticket with 200 notes.
 */
export async function seed(ctx: Context, projectId: number, total: number): Promise<Seeded> {
  const started = Date.now();
  const random = mulberry32(7);
  const vocabulary = makeVocabulary(20_000, random);
  const bot = await supportBot(ctx.db.db);
  const start = Date.now() - total * 30_000;
  const iso = (i: number) => new Date(start + i * 30_000).toISOString();
  let open = 0;
  let notes = 0;
  const heavyIid = Math.floor(total * 0.95);
  for (let first = 1; first <= total; first += BATCH * BATCHES_PER_TRANSACTION) {
    await ctx.db.transaction(async ({ trx }) => {
      for (let from = first; from < first + BATCH * BATCHES_PER_TRANSACTION && from <= total; from += BATCH) {
        const rows = [];
        for (let iid = from; iid < from + BATCH && iid <= total; iid++) {
          // Recent tickets are more often still open; overall 10 %.
          const isOpen = iid === heavyIid || random() < 0.1 * 2 * (iid / total);
          if (isOpen) open++;
          const customer = `customer${Math.floor(random() * 50_000)}@client${Math.floor(random() * 500)}.example`;
          const created = iso(iid);
          const updated = iso(Math.min(total, iid + Math.floor(random() * 200)));
          const address = random() < 0.1 ? ` Please copy ${customer.replace('customer', 'colleague')} on this.` : '';
          rows.push({
            project_id: projectId,
            iid,
            title: vocabulary.sentence(3 + Math.floor(random() * 4)),
            description: `Hello, ${vocabulary.sentence(20 + Math.floor(random() * 40))}.${address}\n\nThanks`,
            state: isOpen ? ('opened' as const) : ('closed' as const),
            confidential: random() < 0.5 ? 1 : 0,
            author_id: bot.id,
            external_author: customer,
            message_id: `<bench-${iid}@client.example>`,
            created_at: created,
            updated_at: updated,
            closed_at: isOpen ? null : updated,
            last_activity_at: updated,
          });
        }
        const inserted = await trx.insertInto('tickets').values(rows).returning(['id', 'iid', 'updated_at']).execute();
        const noteRows = inserted
          .filter((t) => t.iid % 10 === 0 || t.iid === heavyIid)
          .flatMap((t) =>
            Array.from({ length: t.iid === heavyIid ? 200 : 1 }, (_, k) => ({
              ticket_id: t.id,
              body: vocabulary.sentence(10 + Math.floor(random() * 30)),
              internal: k % 7 === 3 ? 1 : 0,
              system: 0,
              author_id: bot.id,
              external_author: null,
              inbound_message_id: null,
              created_at: t.updated_at,
            })),
          );
        for (let i = 0; i < noteRows.length; i += BATCH)
          await trx
            .insertInto('notes')
            .values(noteRows.slice(i, i + BATCH))
            .execute();
        notes += noteRows.length;
      }
    });
    if ((first - 1) % 100_000 === 0 && first > 1) console.error(`  … ${first - 1} tickets after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  await ctx.db.db.updateTable('projects').set({ last_ticket_iid: total }).where('id', '=', projectId).execute();
  const word = (rank: number) => vocabulary.words[Math.min(rank, vocabulary.words.length - 1)]!;
  return {
    ms: Date.now() - started,
    open,
    notes,
    heavyIid,
    searches: [
      { label: 'one rare word (rank ~15,000)', terms: [15_000, 15_100, 15_200, 15_300].map(word) },
      { label: 'one mid word (rank ~2,000)', terms: [2_000, 2_100, 2_200, 2_300].map(word) },
      { label: 'two words', terms: [`${word(500)} ${word(3_000)}`, `${word(700)} ${word(4_000)}`] },
      { label: 'a prefix of a rare word', terms: [15_400, 15_500].map((r) => word(r).slice(0, -2)) },
      { label: 'one very common word (rank ~50, most tickets)', terms: [50, 60].map(word) },
    ],
  };
}
