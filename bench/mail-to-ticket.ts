// Mail → ticket → thank-you through a running Postdesk (`postdesk serve` in its own process, as the floor's
// server runs in its own), measured the way ../shared/bench/limits/project.mjs and smtp.mjs measure: the same
// generated messages, nodemailer clients, a relay sink here that receives the thank-yous. A run counts from the
// first DATA until the last thank-you has reached the relay; latency runs time each 250 to its ticket visible
// through the API.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createTestDatabase, type TestDatabase } from '../test/helpers/database.ts';
import { freePort, runPostdesk, type Running } from '../test/helpers/process.ts';

const ROOT_TOKEN = `bench-root-token-${randomBytes(12).toString('hex')}`;
const CUSTOMER_DOMAIN = 'customer.example';
/** How long a run may take before the bench gives up on it (and fails, loudly). */
const RUN_TIMEOUT_MS = 300_000;

/** Where the thank-yous go: drains each mail and notes when it arrived, by envelope recipient. */
interface RelaySink {
  port: number;
  arrivedAt: Map<string, number>;
  whenArrived(recipients: string[]): Promise<number>;
  close(): Promise<void>;
}

async function startRelaySink(): Promise<RelaySink> {
  const arrivedAt = new Map<string, number>();
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        const now = performance.now();
        for (const { address } of session.envelope.rcptTo) if (!arrivedAt.has(address)) arrivedAt.set(address, now);
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    arrivedAt,
    whenArrived: (recipients) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          const missing = recipients.filter((r) => !arrivedAt.has(r)).length;
          reject(new Error(`${missing} of ${recipients.length} thank-yous never reached the relay`));
        }, RUN_TIMEOUT_MS);
        const check = () => {
          if (!recipients.every((r) => arrivedAt.has(r))) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(Math.max(...recipients.map((r) => arrivedAt.get(r)!)));
        };
        waiters.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface DeskUnderTest {
  dialect: string;
  newProject(): Promise<{ id: number; address: string }>;
  close(): Promise<void>;
  smtpPort: number;
  relay: RelaySink;
  /** A GET of the API as root: the JSON body and the next page's cursor. */
  request(path: string): Promise<{ body: any; nextCursor: string | null }>;
  /** CPU time (user + system) the Postdesk process has used so far, in ms. */
  cpuMs(): number;
}

/** `postdesk serve` on a fresh database (DATABASE_URL picks PostgreSQL), relaying and DKIM-signing as the floor does. */
export async function startDesk(): Promise<DeskUnderTest> {
  const database: TestDatabase = await createTestDatabase({ migrate: false });
  const relay = await startRelaySink();
  const smtpPort = await freePort();
  const dkimKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const server: Running = runPostdesk(['serve'], {
    DATA_DIR: database.dataDir,
    PORT: '0',
    SMTP_LISTEN_PORT: String(smtpPort),
    POSTDESK_ROOT_TOKEN: ROOT_TOKEN,
    INCOMING_EMAIL_ADDRESS: 'support+%{key}@desk.test',
    OUTGOING_SMTP_URL: `smtp://127.0.0.1:${relay.port}`,
    OUTGOING_FROM: 'support@desk.test',
    DKIM_DOMAIN: 'desk.test',
    DKIM_SELECTOR: 'bench',
    DKIM_PRIVATE_KEY: dkimKey,
    RATE_LIMIT_NEW_TICKETS_PER_SENDER_HOUR: '0',
    RATE_LIMIT_AUTO_MAILS_PER_RECIPIENT_HOUR: '0',
    LOG_LEVEL: 'error',
    ...(process.env.NODE_OPTIONS && { NODE_OPTIONS: process.env.NODE_OPTIONS }),
    ...(database.config.dialect === 'postgres' && { DATABASE_URL: database.config.url }),
  });
  // A bench that crashes must not leave a server running behind it.
  const killOnExit = () => server.child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const [, httpPort] = await server.waitFor(/listening on 127\.0\.0\.1:(\d+)/, 60_000);
  const request = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`http://127.0.0.1:${httpPort}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ROOT_TOKEN}`, 'content-type': 'application/json', ...init.headers },
    });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return { body: (await response.json()) as any, nextCursor: response.headers.get('x-next-cursor') };
  };
  const api = async (path: string, init: RequestInit = {}) => (await request(path, init)).body;
  let projects = 0;
  return {
    dialect: database.config.dialect,
    smtpPort,
    relay,
    request,
    async newProject() {
      const path = `bench-${++projects}`;
      const project = await api('/projects', { method: 'POST', body: JSON.stringify({ name: path, path }) });
      const desk = await api(`/projects/${project.id}/service_desk`);
      return { id: project.id as number, address: desk.incoming_address as string };
    },
    cpuMs() {
      // /proc/<pid>/stat: utime and stime, in clock ticks (100 per second on Linux), after the parenthesised name.
      const fields = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    async close() {
      // SIGINT: `serve` stops its listeners and its worker and closes the database, as on Ctrl-C.
      server.child.kill('SIGINT');
      await server.exited;
      process.off('exit', killOnExit);
      await relay.close();
      await database.drop();
    },
  };
}

/** The floor's bytes, made a new mail for this desk: a unique Message-ID, the project's address, its own customer. */
function addressed(template: Buffer, to: string, customer: string, messageId: string): string {
  return template
    .toString('latin1')
    .replace(/^Message-ID: .*$/im, `Message-ID: <${messageId}>`)
    .replace(/^To: .*$/im, `To: ${to}`)
    .replace(/^From: .*$/im, `From: Customer <${customer}>`);
}

export interface ThroughputRun {
  /** Mails per second, from the first DATA to the last thank-you at the relay. */
  rate: number;
  /** Mails per second answered 250. */
  acceptRate: number;
  /** 4xx answers, each retried. */
  refused: number;
  serverCpuMsPerMsg: number;
}

/**
 * `mails` mails into a new project, through a pool of `conns` connections with two mails in flight per
 * connection (as smtp.mjs does), or with `conns` senders each opening a new connection per mail (`fresh`).
 */
export async function measureThroughput(
  desk: DeskUnderTest,
  options: { templates: Buffer[]; mails: number; conns: number; fresh: boolean },
): Promise<ThroughputRun> {
  const project = await desk.newProject();
  const tag = randomBytes(4).toString('hex');
  const transport = nodemailer.createTransport(
    options.fresh
      ? { host: '127.0.0.1', port: desk.smtpPort, secure: false, ignoreTLS: true }
      : { host: '127.0.0.1', port: desk.smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: options.conns, maxMessages: Infinity },
  );
  const accepted: string[] = [];
  let refused = 0;
  let next = 0;
  const cpu0 = desk.cpuMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.fresh ? options.conns : options.conns * 2 }, async () => {
      for (let i = next++; i < options.mails; i = next++) {
        const customer = `c${i}-${tag}@${CUSTOMER_DOMAIN}`;
        const raw = addressed(options.templates[i % options.templates.length]!, project.address, customer, `bench-${tag}-${i}@${CUSTOMER_DOMAIN}`);
        // A 4xx (Postdesk's per-address connection limit answers 421) is retried as an MTA would, a moment later.
        for (;;) {
          try {
            await transport.sendMail({ envelope: { from: customer, to: [project.address] }, raw });
            accepted.push(customer);
            break;
          } catch (error) {
            const code = (error as { responseCode?: number }).responseCode ?? 0;
            if (code < 400 || code >= 500) throw error;
            refused++;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      }
    }),
  );
  const allAccepted = performance.now();
  transport.close();
  const lastThanked = await desk.relay.whenArrived(accepted);
  const seconds = (lastThanked - started) / 1000;
  return {
    rate: accepted.length / seconds,
    acceptRate: accepted.length / ((allAccepted - started) / 1000),
    refused,
    serverCpuMsPerMsg: (desk.cpuMs() - cpu0) / accepted.length,
  };
}

export interface LatencyRun {
  p50: number;
  p99: number;
  rate: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * Mails sent at a steady `rate` per second over 8 pooled connections; for each, the time from its 250 to its
 * ticket in the API's ticket list, matched by the customer's address. The list is polled every 20 ms, newest
 * first, a small page at a time back to the first ticket already seen: a heavier poll would itself slow the
 * server it measures (one 20-ticket page every 10 ms did, by seconds).
 */
export async function measureLatency(desk: DeskUnderTest, options: { templates: Buffer[]; mails: number; rate: number }): Promise<LatencyRun> {
  const project = await desk.newProject();
  const tag = randomBytes(4).toString('hex');
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: desk.smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 8,
    maxMessages: Infinity,
  });
  const acknowledgedAt = new Map<string, number>();
  const visibleAt = new Map<string, number>();
  let sending = true;
  const watching = (async () => {
    const deadline = performance.now() + RUN_TIMEOUT_MS;
    while (sending || visibleAt.size < acknowledgedAt.size) {
      if (performance.now() > deadline) throw new Error(`${acknowledgedAt.size - visibleAt.size} acknowledged mails never became tickets`);
      await readNewTickets(desk, project.id, visibleAt);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.mails }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * 1000) / options.rate));
      const customer = `c${i}-${tag}@${CUSTOMER_DOMAIN}`;
      const raw = addressed(options.templates[i % options.templates.length]!, project.address, customer, `latency-${tag}-${i}@${CUSTOMER_DOMAIN}`);
      await transport.sendMail({ envelope: { from: customer, to: [project.address] }, raw });
      acknowledgedAt.set(customer, performance.now());
    }),
  );
  const sentRate = options.mails / ((performance.now() - started) / 1000);
  sending = false;
  await watching;
  transport.close();
  const latencies = [...acknowledgedAt].map(([customer, at]) => Math.max(0, visibleAt.get(customer)! - at)).sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rate: sentRate };
}

/** Notes when each new ticket was first seen, reading newest first until a page shows one already seen. */
async function readNewTickets(desk: DeskUnderTest, projectId: number, visibleAt: Map<string, number>): Promise<void> {
  for (let cursor: string | null = ''; cursor !== null; ) {
    const page = await desk.request(`/projects/${projectId}/tickets?state=all&per_page=10${cursor ? `&cursor=${cursor}` : ''}`);
    const now = performance.now();
    let reachedSeen = false;
    for (const { external_author: customer } of page.body as Array<{ external_author: string | null }>) {
      if (customer === null) continue;
      if (visibleAt.has(customer)) reachedSeen = true;
      else visibleAt.set(customer, now);
    }
    cursor = reachedSeen ? null : page.nextCursor;
  }
}
