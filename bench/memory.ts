// Issue 10, "Memory": the real `postdesk serve` process (bin/postdesk.js, as `npm start` runs it) — how long it
// takes to answer /health, what it holds idle, and its peak RSS while it ingests one mail of exactly
// MAX_MESSAGE_BYTES (one attachment, base64-encoded), counting every thread (the kernel's VmHWM, reset first).
// Each run starts twice on a new data directory: the first start makes the database and root; the second is a
// restart, which is measured. The rows give each figure's median (min–max) over the runs.
import { readFileSync, writeFileSync } from 'node:fs';
// @ts-expect-error bin/ is plain JavaScript without types
import { builtIsCurrent } from '../bin/built.js';
import nodemailer from 'nodemailer';
import { createTestDatabase, usingPostgres } from '../test/helpers/database.ts';
import { freePort, runPostdesk, type Running } from '../test/helpers/process.ts';
import { cell, type Row, summarize } from './table.ts';

const MAX_MESSAGE_BYTES = 26_214_400;
const ROOT_TOKEN = 'pdt_bench_memory_root_token_0123456789';

interface MemoryRun {
  firstStartMs: number;
  restartMs: number;
  idleMb: number;
  peakMb: number;
  ingestMs: number;
  state: string;
}

export async function benchMemory(options: { runs: number; log: (line: string) => void }): Promise<Row[]> {
  const runs: MemoryRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    const run = await measureOnce();
    runs.push(run);
    options.log(
      `memory run ${i + 1}: healthy in ${run.firstStartMs.toFixed(0)} ms, restarted in ${run.restartMs.toFixed(0)} ms; idle ${run.idleMb.toFixed(0)} MB; the mail ${run.state} in ${run.ingestMs.toFixed(0)} ms, peak ${run.peakMb.toFixed(0)} MB`,
    );
    if (run.state !== 'processed') throw new Error(`the ${(MAX_MESSAGE_BYTES / 1048576).toFixed(0)} MiB mail ended ${run.state}`);
  }
  const of = (pick: (run: MemoryRun) => number) => summarize(runs.map(pick));
  const where = `${usingPostgres() ? 'postgres' : 'sqlite'}, ${runsFrom()}`;
  return [
    { figure: `idle RSS after a restart (${where})`, unit: 'MB', postdesk: of((r) => r.idleMb), target: 'well under 100 MB' },
    {
      figure: `peak RSS, one ${(MAX_MESSAGE_BYTES / 1048576).toFixed(0)} MiB mail through SMTP to a ticket (${where})`,
      unit: 'MB',
      postdesk: of((r) => r.peakMb),
      target: '< 200 MB',
      note: `processed in ${cell(of((r) => r.ingestMs))} ms from its DATA`,
    },
    { figure: `healthy after a restart (${where})`, unit: 'ms', postdesk: of((r) => r.restartMs), note: `first start ${cell(of((r) => r.firstStartMs))} ms` },
  ];

  async function measureOnce(): Promise<MemoryRun> {
    const database = await createTestDatabase({ migrate: false });
    const port = await freePort();
    const smtpPort = await freePort();
    const env = {
      DATA_DIR: database.dataDir,
      ...(database.config.dialect === 'postgres' && { DATABASE_URL: database.config.url }),
      PORT: String(port),
      SMTP_LISTEN_PORT: String(smtpPort),
      INCOMING_EMAIL_ADDRESS: 'support+%{key}@bench.test',
      POSTDESK_ROOT_TOKEN: ROOT_TOKEN,
      LOG_LEVEL: 'warn',
    };
    const base = `http://127.0.0.1:${port}`;
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${ROOT_TOKEN}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.json() as Promise<any>;
    };

    const first = await startServe(env, base);
    await stop(first.server);
    const serve = await startServe(env, base);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2000)); // settle: start-up garbage collected, timers armed
      const idleMb = rssMb(serve.server, 'VmRSS');
      const project = await api('POST', '/projects', { name: 'Memory', path: 'memory' });
      const address = (await api('GET', `/projects/${project.id}/service_desk`)).incoming_address as string;
      const raw = maximalMessage(address);
      writeFileSync(`/proc/${serve.server.child.pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
      const t0 = performance.now();
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
      await transport.sendMail({ envelope: { from: 'big@example.test', to: [address] }, raw });
      transport.close();
      let state = 'received';
      while (state === 'received') {
        await new Promise((resolve) => setTimeout(resolve, 50));
        state = ((await api('GET', `/inbound_messages?project_id=${project.id}`)) as { state: string }[])[0]?.state ?? 'received';
      }
      const ingestMs = performance.now() - t0;
      return { firstStartMs: first.healthyMs, restartMs: serve.healthyMs, idleMb, peakMb: rssMb(serve.server, 'VmHWM'), ingestMs, state };
    } finally {
      await stop(serve.server);
      await database.drop();
    }
  }
}

async function startServe(env: Record<string, string>, base: string): Promise<{ server: Running; healthyMs: number }> {
  const t0 = performance.now();
  const server = runPostdesk(['serve'], env);
  for (;;) {
    const healthy = await fetch(`${base}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { server, healthyMs: performance.now() - t0 };
    if (server.child.exitCode !== null) throw new Error(`postdesk serve exited:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function stop(server: Running): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

/** What the process runs, by bin/postdesk.js's rule (bin/built.js). */
const runsFrom = () => (builtIsCurrent() ? 'built JavaScript' : 'TypeScript through tsx: run npm run build:server first');

const rssMb = (server: Running, field: 'VmRSS' | 'VmHWM') => {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) / 1024;
};

/** A mail of exactly MAX_MESSAGE_BYTES: a short text part and one attachment, base64 in 76-character lines. */
function maximalMessage(to: string): Buffer {
  const head = [
    'From: Big Sender <big@example.test>',
    `To: ${to}`,
    'Subject: The whole archive',
    'Message-ID: <maximal@example.test>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Here is the archive you asked for.',
    '--b',
    'Content-Type: application/octet-stream; name="archive.bin"',
    'Content-Disposition: attachment; filename="archive.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    '',
  ].join('\r\n');
  const tail = '\r\n--b--\r\n';
  // base64 in 76-character lines: 57 bytes each, 78 with CRLF; spaces fill the last few bytes (decoders skip them).
  const lines = Math.floor((MAX_MESSAGE_BYTES - head.length - tail.length) / 78);
  const encoded = Buffer.alloc(lines * 57, 7)
    .toString('base64')
    .match(/.{1,76}/g)!
    .join('\r\n');
  const filler = ' '.repeat(MAX_MESSAGE_BYTES - head.length - encoded.length - tail.length);
  return Buffer.from(`${head}${encoded}${filler}${tail}`);
}
