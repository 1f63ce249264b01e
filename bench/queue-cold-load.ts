// Cold loads in a real browser (issue 7, "Speed": the queue "interactive in < 1 s from a cold load" at
// 10^6 tickets). The real HTTP app listens on 127.0.0.1:0 serving the built web UI (web/dist); we sign in
// once through POST /api/v1/session, then every load gets a FRESH chromium profile (empty HTTP cache, no
// service worker, nothing in localStorage) holding only that session cookie, and navigates straight to
// the page. The browser is started before the clock starts: its own start-up is not the page's.
//
// "Interactive" (what an agent needs to start working), timed from the navigation's start
// (performance.timeOrigin) to the first animation frame after the DOM satisfies it:
// - queue: the newest open ticket's row link (its title) is in the DOM with a layout box, and the `Open`
//   state tab shows the open count. The app is client-rendered, so once React has committed those nodes
//   their handlers are live. After the timing, playwright checks the same by accessible name (a link
//   named with the title, a button named `Open <count>`), so the in-page check cannot drift from the UI.
// - ticket with 200 notes: the Conversation section holds all 201 articles (the description and the
//   200 notes) and the `Reply` textbox is there: the whole thread read and the composer usable.
// The in-page check is a MutationObserver installed before any page script runs (addInitScript), so the
// time is not rounded to a polling interval, and it costs nothing until the page starts rendering.
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import type { Context } from '../src/context.ts';
import { buildHttpApp } from '../src/http/app.ts';
import { CHROMIUM, launchBrowser } from '../test/helpers/browser.ts';
import { ensureWebBuilt } from '../test/helpers/web-desk.ts';

interface ColdLoadOptions {
  ctx: Context;
  projectId: number;
  projectPath: string;
  /** The root user's password (set with POSTDESK_ROOT_PASSWORD when the bench made its context). */
  rootPassword: string;
  /** How many open tickets the seed made: the `Open` tab must show exactly this. */
  openCount: number;
  /** The ticket with 200 notes. */
  heavyIid: number;
  loads: number;
  say: (line: string) => void;
}

/** What the page reports about one load (all times in ms from the navigation's start). */
interface LoadFigures {
  interactive: number;
  /** The renderer's main thread busy (tasks) and in script until then, from chromium's own counters. */
  mainThread: { tasks: number; script: number };
  responseStart: number;
  domContentLoaded: number;
  /** The last /api/v1 response that had ended by the time the page was interactive. */
  lastApiEnd: number;
  apiRequests: number;
  /** Every request done by then, in start order: where the time went. */
  waterfall: string[];
  /** Bytes over the wire (headers included) and bodies, per kind, of what was loaded by then. */
  js: { files: string[]; transfer: number; body: number };
  css: { files: string[]; transfer: number; body: number };
}

type Condition = { kind: 'queue'; title: string; openCount: number } | { kind: 'ticket'; articles: number };

export async function benchColdLoads(options: ColdLoadOptions): Promise<void> {
  const { ctx, say } = options;
  const dialect = ctx.db.dialect.padEnd(8);
  if (!existsSync(CHROMIUM)) {
    say(`queue@scale ${dialect} cold loads SKIPPED: /usr/bin/chromium is missing (apt-get install -y chromium)`);
    return;
  }
  ensureWebBuilt();

  const http = buildHttpApp(ctx);
  await http.listen({ port: 0, host: '127.0.0.1' });
  const address = http.server.address();
  if (!address || typeof address === 'string') throw new Error('the app did not listen on a TCP port');
  const origin = `http://127.0.0.1:${address.port}`;
  try {
    const signIn = await http.inject({ method: 'POST', url: '/api/v1/session', payload: { login: 'root', password: options.rootPassword } });
    if (signIn.statusCode !== 200) throw new Error(`sign-in: ${signIn.statusCode} ${signIn.body}`);
    const cookie = signIn.cookies.find((c) => c.name === 'postdesk_session');
    if (!cookie) throw new Error('sign-in set no postdesk_session cookie');

    const newest = await ctx.db.db
      .selectFrom('tickets')
      .select(['title'])
      .where('project_id', '=', options.projectId)
      .where('state', '=', 'opened')
      .orderBy('iid', 'desc')
      .executeTakeFirstOrThrow();

    const queueUrl = `${origin}/projects/${options.projectPath}/tickets`;
    const queue = await coldLoads(
      options.loads,
      queueUrl,
      cookie.value,
      origin,
      { kind: 'queue', title: newest.title, openCount: options.openCount },
      async (page) => {
        await page.getByRole('link', { name: newest.title }).first().waitFor({ state: 'visible' });
        await page.getByRole('button', { name: `Open ${options.openCount}`, exact: true }).waitFor({ state: 'visible' });
      },
    );
    say(`queue@scale ${dialect} cold load, queue (fresh profile → newest row + Open count on screen): ${summary(queue)}`);
    say(`queue@scale ${dialect}   queue page loaded ${assets(queue[0]!, ctx.webRoot)}`);
    say(`queue@scale ${dialect}   queue, the median load's requests (ms from navigation start): ${median(queue).waterfall.join(', ')}`);

    const ticketUrl = `${origin}/projects/${options.projectPath}/tickets/${options.heavyIid}`;
    const ticket = await coldLoads(options.loads, ticketUrl, cookie.value, origin, { kind: 'ticket', articles: 201 }, async (page) => {
      await page.getByRole('textbox', { name: 'Reply' }).waitFor({ state: 'visible' });
      const articles = await page.getByRole('region', { name: 'Conversation' }).getByRole('article').count();
      if (articles !== 201) throw new Error(`expected 201 articles in the conversation, saw ${articles}`);
    });
    say(`queue@scale ${dialect} cold load, ticket with 200 notes (fresh profile → all 201 messages + Reply box): ${summary(ticket)}`);
    say(`queue@scale ${dialect}   ticket page loaded ${assets(ticket[0]!, ctx.webRoot)}`);
    say(`queue@scale ${dialect}   ticket, the median load's requests (ms from navigation start): ${median(ticket).waterfall.join(', ')}`);
  } finally {
    await http.close();
  }
}

async function coldLoads(
  loads: number,
  url: string,
  session: string,
  origin: string,
  condition: Condition,
  verify: (page: Page) => Promise<void>,
): Promise<LoadFigures[]> {
  const figures: LoadFigures[] = [];
  for (let i = 0; i < loads; i++) {
    const browser = await launchBrowser();
    try {
      await browser.context.addCookies([{ name: 'postdesk_session', value: session, url: origin, httpOnly: true, sameSite: 'Lax' }]);
      // tsx (esbuild, keepNames) wraps named functions in `__name(…)`, which the page does not have: the
      // code serialised into it brings a no-op one along (it also serves collectFigures below).
      await browser.page.addInitScript({
        content: `globalThis.__name ??= (target) => target; (${watchForInteractive.toString()})(${JSON.stringify(condition)});`,
      });
      const cdp = await browser.context.newCDPSession(browser.page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      await browser.page.goto(url, { waitUntil: 'commit' });
      await untilInteractive(cdp);
      const page = await browser.page.evaluate(collectFigures);
      // Cumulative seconds since Performance.enable (just before the navigation): what the page cost the
      // CPU, apart from the wall clock that a busy machine stretches.
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
      figures.push({ ...page, mainThread: { tasks: metric('TaskDuration'), script: metric('ScriptDuration') } });
      await verify(browser.page);
    } finally {
      await browser.close();
    }
  }
  return figures;
}

/**
 * Waits for `window.__coldLoad` with plain CDP evaluations from here. Not page.waitForFunction: that injects
 * playwright's own script (some 300 KB) into the page as it starts loading, which took 50-200 ms of the
 * measured page's main thread on a busy 2-core machine, ahead of the page's own scripts.
 */
async function untilInteractive(cdp: CDPSession): Promise<void> {
  const deadline = Date.now() + 60_000;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the page was not interactive within 60 s')), 60_000);
  });
  try {
    while (Date.now() < deadline) {
      // Until the new document's context exists this may run in the old one, or fail as it goes away.
      const answer = await Promise.race([
        late,
        cdp.send('Runtime.evaluate', { expression: 'globalThis.__coldLoadDone', awaitPromise: true, returnByValue: true }).catch(() => null),
      ]);
      if (answer?.result.value === true) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the page was not interactive within 60 s');
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs in the page before its scripts (addInitScript, so it must be self-contained): on every DOM change,
 * check `condition`; when it first holds, wait for the next animation frame (the one that paints it) and
 * store that time in `window.__coldLoad` (and resolve `window.__coldLoadDone` for untilInteractive).
 */
function watchForInteractive(condition: Condition): void {
  const w = globalThis as unknown as {
    __coldLoad?: number;
    __coldLoadDone?: Promise<boolean>;
    document: any;
    performance: { now(): number };
    requestAnimationFrame(cb: () => void): void;
  };
  let done!: (value: boolean) => void;
  w.__coldLoadDone = new Promise((resolve) => {
    done = resolve;
  });
  const doc = w.document;
  const visible = (element: any) => element && element.getClientRects().length > 0;
  const holds = (): boolean => {
    if (condition.kind === 'queue') {
      const tab = Array.from(doc.querySelectorAll('button[aria-pressed]') as ArrayLike<any>).find((b) => /^\s*Open/.test(b.textContent));
      if (!tab?.textContent.includes(String(condition.openCount))) return false;
      return visible(Array.from(doc.querySelectorAll('a') as ArrayLike<any>).find((a) => a.textContent.includes(condition.title)));
    }
    const thread = doc.querySelector('section[aria-label="Conversation"]');
    if (!thread || thread.querySelectorAll('article').length < condition.articles) return false;
    return visible(doc.querySelector('textarea.composer-text'));
  };
  let seen = false;
  const observer = new (globalThis as any).MutationObserver(() => {
    if (seen || !holds()) return;
    seen = true;
    observer.disconnect();
    w.requestAnimationFrame(() => {
      w.__coldLoad = w.performance.now();
      done(true);
    });
  });
  observer.observe(doc, { childList: true, subtree: true, characterData: true, attributes: true });
}

function collectFigures(): Omit<LoadFigures, 'mainThread'> {
  const perf = (globalThis as any).performance;
  const interactive = (globalThis as unknown as { __coldLoad: number }).__coldLoad;
  const navigation = perf.getEntriesByType('navigation')[0];
  const resources = (perf.getEntriesByType('resource') as any[]).filter((r) => r.responseEnd <= interactive);
  const api = resources.filter((r) => new URL(r.name).pathname.startsWith('/api/v1/'));
  const ofKind = (extension: string) => {
    const files = resources.filter((r) => new URL(r.name).pathname.endsWith(extension));
    return {
      files: files.map((r) => new URL(r.name).pathname),
      transfer: files.reduce((sum, r) => sum + r.transferSize, 0),
      body: files.reduce((sum, r) => sum + r.encodedBodySize, 0),
    };
  };
  return {
    interactive,
    responseStart: navigation.responseStart,
    domContentLoaded: navigation.domContentLoadedEventEnd,
    lastApiEnd: Math.max(0, ...api.map((r) => r.responseEnd)),
    apiRequests: api.length,
    waterfall: resources
      .sort((a, b) => a.startTime - b.startTime)
      .map((r) => {
        const url = new URL(r.name);
        const name = url.pathname.replace(/^\/api\/v1\/projects\/\d+/, '…').replace(/^\/assets\//, '') + url.search.slice(0, 30);
        return `${name} ${r.startTime.toFixed(0)}→${r.responseEnd.toFixed(0)}`;
      }),
    js: ofKind('.js'),
    css: ofKind('.css'),
  };
}

const at = (list: number[], q: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))]!;

const median = (loads: LoadFigures[]) => [...loads].sort((a, b) => a.interactive - b.interactive)[Math.floor(loads.length / 2)]!;

function summary(loads: LoadFigures[]): string {
  const pick = (get: (f: LoadFigures) => number) => loads.map(get);
  const interactive = pick((f) => f.interactive);
  return (
    `interactive p50 ${at(interactive, 0.5).toFixed(0)} ms, p95 ${at(interactive, 0.95).toFixed(0)} ms, max ${Math.max(...interactive).toFixed(0)} ms ` +
    `[${interactive.map((t) => t.toFixed(0)).join(' ')}]; ` +
    `renderer main thread busy p50 ${at(
      pick((f) => f.mainThread.tasks),
      0.5,
    ).toFixed(0)} ms (script ${at(
      pick((f) => f.mainThread.script),
      0.5,
    ).toFixed(0)} ms); ` +
    `HTML responseStart p50 ${at(
      pick((f) => f.responseStart),
      0.5,
    ).toFixed(0)} ms, DOMContentLoaded p50 ${at(
      pick((f) => f.domContentLoaded),
      0.5,
    ).toFixed(0)} ms, ` +
    `last API response p50 ${at(
      pick((f) => f.lastApiEnd),
      0.5,
    ).toFixed(0)} ms (${loads[0]!.apiRequests} API requests) ` +
    `(${loads.length} loads, load ${loadavg()[0]!.toFixed(1)})`
  );
}

/** The JS and CSS the page had loaded when interactive: over the wire, and what gzip would make of it. */
function assets(load: LoadFigures, webRoot: string): string {
  const gzipped = (files: string[]) => files.reduce((sum, path) => sum + gzipSync(readFileSync(join(webRoot, path))).length, 0);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return (
    `JS ${load.js.files.length} files, ${kb(load.js.transfer)} transferred (${kb(load.js.body)} bodies, ${kb(gzipped(load.js.files))} if gzipped); ` +
    `CSS ${load.css.files.length} files, ${kb(load.css.transfer)} transferred (${kb(load.css.body)} bodies, ${kb(gzipped(load.css.files))} if gzipped)`
  );
}
