// Debian's chromium driven by playwright-core (RECIPES.md "Headless chromium with playwright-core"): one
// throwaway profile per test file, screenshots at desktop and phone width, and a recorder of every request
// that leaves the app's own origin. A missing chromium is a loud skip, and a failure under CI=true.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Request } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = resolve(import.meta.dirname, '../../.tmp/screenshots');

export const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

/** `false` when chromium is there (run the tests), else the skip reason; throws under CI=true. */
export function browserSkip(testFile: string): false | string {
  if (existsSync(CHROMIUM)) return false;
  const problem = `${CHROMIUM} is missing (apt-get install -y chromium)`;
  if (process.env.CI === 'true') throw new Error(`${problem}; with CI=true that is a failure, not a skip`);
  console.error(`\n!!! SKIPPING the browser tests of ${testFile}: ${problem} !!!\n`);
  return problem;
}

export interface Browser {
  context: BrowserContext;
  /** The first tab, at the desktop size. */
  page: Page;
  close(): Promise<void>;
}

/** `ignoreHTTPSErrors`: accept self-signed certificates (a local HTTPS test server). */
export async function launchBrowser(options: { ignoreHTTPSErrors?: boolean } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'postdesk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORTS.desktop,
    ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Half of playwright's 30 s: long enough for a busy 2-core machine, short enough to fail before the runner does.
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Saves `.tmp/screenshots/<screen>-desktop.png` and `<screen>-phone.png` of what `page` shows now, then
 * puts the page back at the desktop size. Full page, so what sits below the fold is seen too.
 */
export async function screenshot(page: Page, screen: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? VIEWPORTS.desktop;
  for (const [name, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    // From the top: a sticky top bar of a page scrolled by the test would sit in the middle of the picture.
    const height = await page.evaluate(() => {
      const window = globalThis as unknown as { scrollTo(x: number, y: number): void; document: { documentElement: { scrollHeight: number } } };
      window.scrollTo(0, 0);
      return window.document.documentElement.scrollHeight;
    });
    // The whole page, by making the viewport as tall as it: playwright's fullPage capture leaves sandboxed
    // (out-of-process) iframes such as the template preview blank.
    await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.min(height, 8000)) });
    await settle(page);
    await page.screenshot({ path: join(SCREENSHOTS, `${screen}-${name}.png`) });
  }
  await page.setViewportSize(before);
}

/** Two animation frames: layout and paint caught up with a resize. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => {
    const frame = (globalThis as unknown as { requestAnimationFrame: (callback: () => void) => void }).requestAnimationFrame;
    return new Promise<void>((done) => frame(() => frame(done)));
  });
}

export interface RequestRecorder {
  /** Every URL the browser asked for whose origin is not the app's (frames and workers included). */
  foreign: string[];
  /** Every URL the browser asked for. */
  all: string[];
  stop(): void;
}

/** Records the requests of every page of `context` from now on; `data:`/`blob:`/`about:` URLs stay local. */
export function recordRequests(context: BrowserContext, appOrigin: string): RequestRecorder {
  const recorder: RequestRecorder = { foreign: [], all: [], stop: () => context.off('request', onRequest) };
  function onRequest(request: Request) {
    const url = request.url();
    recorder.all.push(url);
    if (/^(data|blob|about):/i.test(url)) return;
    if (originOf(url) !== appOrigin) recorder.foreign.push(url);
  }
  context.on('request', onRequest);
  return recorder;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

const CONTROL_ROLES = 'button|link|textbox|searchbox|checkbox|switch|radio|combobox|listbox|option|slider|spinbutton|tab|menuitem';

/**
 * The controls on the page (outside frames) that have no accessible name, as lines of playwright's ARIA
 * snapshot (`- button [pressed]`): issue 7 wants every control named, since the tests find them by name.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  const unnamed = new RegExp(`^\\s*- (${CONTROL_ROLES})(?: \\[[^\\]]*\\])*:?$`);
  return snapshot.split('\n').filter((line) => unnamed.test(line));
}
