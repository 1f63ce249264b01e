// The machine's floor (issue 10): ../shared/bench/limits/smtp.mjs --modes full-ack, the same job as Postdesk's
// mail → ticket → thank-you done the cheapest way on one thread. The scripts are run where they live, never
// copied; they load their packages from the working directory, so they run from a scratch directory holding
// the floor's own locked packages (installed there once with `npm ci`, outside the repository).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** BENCH_FLOOR_DIR overrides where the floor scripts live; BENCH_FLOOR_MODULES, a directory with their packages installed. */
export const FLOOR_DIR = resolve(process.env.BENCH_FLOOR_DIR ?? join(import.meta.dirname, '../../shared/bench/limits'));

export type MessageSize = 'small' | 'newsletter' | 'large';

export interface FloorRun {
  /** Messages per second, each answered 250 only after its durable commit and its relayed acknowledgement. */
  rate: number;
  serverCpuMsPerMsg: number;
}

/** A directory whose node_modules holds the floor's packages at the versions its lock file names. */
function floorPackages(): string {
  if (!existsSync(join(FLOOR_DIR, 'smtp.mjs'))) throw new Error(`the floor's scripts are not in ${FLOOR_DIR}: set BENCH_FLOOR_DIR to the limits folder`);
  if (process.env.BENCH_FLOOR_MODULES) return resolve(process.env.BENCH_FLOOR_MODULES);
  const lock = readFileSync(join(FLOOR_DIR, 'package-lock.json'));
  const dir = join(tmpdir(), `postdesk-floor-${createHash('sha256').update(lock).digest('hex').slice(0, 12)}`);
  if (existsSync(join(dir, 'node_modules/.package-lock.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(FLOOR_DIR, file), join(dir, file));
  console.error(`installing the floor's packages into ${dir} (once) …`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}

let packagesDir: string | null = null;

/** Imports the floor's message generators, so Postdesk is sent exactly the bytes the floor parses. */
export async function floorMessages(size: MessageSize): Promise<Buffer[]> {
  packagesDir ??= floorPackages();
  // lib.mjs resolves nodemailer from the working directory at import; ours has it too.
  const lib = await import(join(FLOOR_DIR, 'lib.mjs'));
  return Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => lib.GENERATORS[size](i) as Promise<Buffer>));
}

/** One run of `smtp.mjs --modes full-ack` for one size and connection count (pooled, or a new connection per mail). */
export async function runFloor(options: { size: MessageSize; conns: number; fresh: boolean; secs: number }): Promise<FloorRun> {
  packagesDir ??= floorPackages();
  const scratch = mkdtempSync(join(tmpdir(), 'postdesk-floor-run-'));
  const json = join(scratch, 'result.json');
  const args = [
    join(FLOOR_DIR, 'smtp.mjs'),
    ...['--runs', '1', '--modes', 'full-ack', '--sizes', options.size, '--conns', String(options.conns)],
    ...['--secs', String(options.secs), '--warm-secs', String(Math.min(1, options.secs / 2)), '--dir', join(scratch, 'data'), '--json', json],
    ...(options.fresh ? ['--fresh'] : []),
  ];
  try {
    const child = spawn(process.execPath, args, { cwd: packagesDir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    if (code !== 0) throw new Error(`the floor (smtp.mjs) exited with ${code}:\n${stderr}`);
    const [result] = JSON.parse(readFileSync(json, 'utf8')).results as Array<{ rate: { median: number }; serverCpuMsPerMsg: { median: number } }>;
    return { rate: result!.rate.median, serverCpuMsPerMsg: result!.serverCpuMsPerMsg.median };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
