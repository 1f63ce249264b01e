// How long N mails take from the first SMTP DATA to the last committed ticket (with its thank-you in the
// outbox), through the real listener, job queue and database. Prints one line per run.
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import { bootstrapInstance } from '../src/app/instance/bootstrap-instance.ts';
import { createProject } from '../src/app/projects/create-project.ts';
import { getServiceDeskSettings } from '../src/app/service-desk/service-desk-settings.ts';
import { createContext } from '../src/context.ts';
import { SYSTEM_ACTOR } from '../src/domain/actor.ts';
import { startContextWorker } from '../src/job-handlers.ts';
import { createSmtpReceiver } from '../src/mail/inbound/smtp-receiver.ts';
import { createTestDatabase } from '../test/helpers/database.ts';
import { testConfig } from '../test/helpers/test-app.ts';

export async function benchMailToTicket(options: { mails: number; pooled: boolean; sequential?: boolean }): Promise<string> {
  const database = await createTestDatabase();
  const ctx = createContext(
    testConfig(database.dataDir, database.config, { INCOMING_EMAIL_ADDRESS: 'support+%{key}@bench.test', RATE_LIMIT_NEW_TICKETS_PER_SENDER_HOUR: '0' }),
    {
      db: database.open(),
      logger: pino({ level: 'silent' }),
    },
  );
  await bootstrapInstance(ctx);
  const root = await ctx.db.db.selectFrom('users').select('id').where('username', '=', 'root').executeTakeFirstOrThrow();
  const project = await createProject(ctx, SYSTEM_ACTOR, { name: 'Bench', path: 'bench', ownerId: root.id });
  const address = (await getServiceDeskSettings(ctx, SYSTEM_ACTOR, String(project.id))).addresses.incomingAddress;
  const receiver = createSmtpReceiver({ deps: ctx, logger: ctx.logger });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.server.address() as AddressInfo).port;
  const worker = startContextWorker(ctx, { concurrency: Number(process.env.BENCH_WORKER_CONCURRENCY ?? 8) });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: options.pooled, maxConnections: 4 });
  const body = 'Hello,\n\n' + 'My printer shows error 42 when I print double-sided pages. '.repeat(40) + '\n\nThanks,\nA customer\n';

  const ticketCount = async () =>
    Number(
      (
        await ctx.db.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  if (options.sequential) {
    // Latency, not throughput: one mail at a time on an idle desk, from DATA to its committed ticket.
    const latencies: number[] = [];
    for (let i = 0; i < options.mails; i++) {
      const t0 = process.hrtime.bigint();
      await transport.sendMail({ from: `one${i}@example.test`, to: address, subject: `One at a time ${i}`, text: body });
      while ((await ticketCount()) < i + 1) await new Promise((resolve) => setImmediate(resolve));
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    transport.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await worker.stop();
    await database.drop();
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    return `mail→ticket ${database.config.dialect.padEnd(8)} latency, one mail at a time: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms (${options.mails} mails)`;
  }

  const started = process.hrtime.bigint();
  const queue = Array.from({ length: options.mails }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        await transport.sendMail({ from: `customer${i}@example.test`, to: address, subject: `Printer problem ${i}`, text: body });
      }
    }),
  );
  const acknowledged = process.hrtime.bigint();
  for (;;) {
    if ((await ticketCount()) >= options.mails) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const done = process.hrtime.bigint();
  transport.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await worker.stop();
  await database.drop();

  const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
  const total = ms(started, done);
  return `mail→ticket ${database.config.dialect.padEnd(8)} ${options.pooled ? 'pooled' : 'fresh '} connections: ${options.mails} mails (3 KB) in ${total.toFixed(0)} ms = ${((options.mails * 1000) / total).toFixed(0)} mails/s; all 250s after ${ms(started, acknowledged).toFixed(0)} ms`;
}
