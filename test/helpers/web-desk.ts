// The whole desk for a browser: the mail desk (SMTP in on a loopback port, the worker, an SMTP sink for
// mail out) plus the HTTP app LISTENING on 127.0.0.1, with PUBLIC_URL set to that very origin (links in
// mail and attachment URLs point back at it), serving the built web UI from web/dist.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { RawEnv } from '../../src/config/env.ts';
import { type MailDesk, startMailDesk } from './mail-desk.ts';
import { freePort } from './process.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const WEB = join(ROOT, 'web');
const DIST_INDEX = join(WEB, 'dist', 'index.html');
const BUILD_LOCK = join(ROOT, '.tmp', 'web-build.lock');

/** The password of every user the test app's factories make (test/helpers/test-app.ts). */
export const TEST_PASSWORD = 'correct horse battery';

export interface WebDesk extends MailDesk {
  /** `http://127.0.0.1:<port>`: where the browser goes, and PUBLIC_URL. */
  origin: string;
  /** Signs in through the real sign-in page (fields `Username or email`, `Password`, button `Sign in`). */
  signIn(page: Page, login: string, password?: string): Promise<void>;
}

export async function startWebDesk(options: { env?: RawEnv } = {}): Promise<WebDesk> {
  ensureWebBuilt();
  // The port is chosen before the config is built (PUBLIC_URL names it); if another process takes it in
  // between, start again on another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const desk = await startMailDesk({ env: { PUBLIC_URL: origin, ...options.env } });
    try {
      await desk.http.listen({ port, host: '127.0.0.1' });
    } catch (error) {
      await desk.close();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 5) continue;
      throw error;
    }
    return {
      ...desk,
      origin,
      async signIn(page, login, password = TEST_PASSWORD) {
        if (!new URL(page.url(), origin).pathname.startsWith('/login')) await page.goto(`${origin}/login`);
        await page.getByRole('textbox', { name: 'Username or email' }).fill(login);
        await page.getByLabel('Password', { exact: true }).fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      },
    };
  }
}

/**
 * Builds web/dist when it is missing or older than the web sources (a merge brought new screens), once
 * across test files running side by side (a lock folder), and says so on stderr. The bench's cold loads use it too.
 */
export function ensureWebBuilt(): void {
  if (!needsBuild()) return;
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const started = Date.now();
  while (true) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes was left by a killed run.
      if (Date.now() - statSync(BUILD_LOCK, { throwIfNoEntry: false })!.mtimeMs > 120_000) rmdirSync(BUILD_LOCK);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
      if (Date.now() - started > 180_000) throw new Error(`waited 3 minutes for ${BUILD_LOCK}`);
    }
  }
  try {
    if (!needsBuild()) return;
    console.error(`\n*** ${existsSync(DIST_INDEX) ? 'web/dist is older than web/' : 'web/dist/index.html is missing'}: running npm run build:web once ***\n`);
    const build = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build:web failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
  } finally {
    rmdirSync(BUILD_LOCK);
  }
}

function needsBuild(): boolean {
  const built = statSync(DIST_INDEX, { throwIfNoEntry: false });
  if (!built) return true;
  return newestSource(WEB) > built.mtimeMs;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'dist' || name === 'node_modules') continue;
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(path) : stat.mtimeMs);
  }
  return newest;
}
