// Cold loads of the queue and of a ticket in a fresh chromium profile against the real server (issue 7,
// "Speed"): every request the first screen needs goes out at once — none waits for the session, the
// project, or (on a ticket) the ticket screen's chunk — the frame shows while the session is unanswered,
// and a signed-out deep link still goes through sign-in and back to it, filters kept. Order is shown by
// holding answers back until the other requests have been seen, never by timing (the speed itself is
// measured by bench/queue-cold-load.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Request, Route } from 'playwright-core';
import { type Browser, browserSkip, launchBrowser } from '../helpers/browser.ts';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';
import { ensureWebBuilt, TEST_PASSWORD } from '../helpers/web-desk.ts';

const skip = browserSkip('test/e2e/web-cold-load.test.ts');
const TITLE = 'Invoice 2291 was charged twice';

describe('cold loads in chromium', { skip }, () => {
  let app: TestApp;
  let origin: string;
  let agent: TestUser;
  let iid: number;
  let session: string;
  const browsers: Browser[] = [];

  before(async () => {
    ensureWebBuilt();
    app = await startTestApp();
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const address = app.http.server.address();
    if (!address || typeof address === 'string') throw new Error('the app did not listen on a TCP port');
    origin = `http://127.0.0.1:${address.port}`;
    agent = await app.user({ admin: true, username: 'coldagent' });
    await app.project(agent, { path: 'billing', name: 'Billing Desk' });
    const ticket = await app.request(agent.token, 'POST', '/api/v1/projects/billing/tickets', { title: TITLE, description: 'Twice, on the 3rd.' });
    assert.equal(ticket.status, 201, `a ticket: ${JSON.stringify(ticket.body)}`);
    iid = ticket.body.iid;
    for (const body of ['Refund started.', 'Customer confirmed.']) {
      const note = await app.request(agent.token, 'POST', `/api/v1/projects/billing/tickets/${iid}/notes`, { body, internal: true });
      assert.equal(note.status, 201, `a note: ${JSON.stringify(note.body)}`);
    }
    const signIn = await app.http.inject({ method: 'POST', url: '/api/v1/session', payload: { login: 'coldagent', password: TEST_PASSWORD } });
    const cookie = signIn.cookies.find((c) => c.name === 'postdesk_session');
    assert.ok(cookie, `sign-in set a session cookie (${signIn.statusCode})`);
    session = cookie.value;
  });

  after(async () => {
    for (const browser of browsers) await browser.close();
    await app?.close();
  });

  /** A fresh profile (empty cache), signed in unless told otherwise. */
  async function freshBrowser(signedIn = true): Promise<Browser> {
    const browser = await launchBrowser();
    browsers.push(browser);
    if (signedIn) await browser.context.addCookies([{ name: 'postdesk_session', value: session, url: origin, httpOnly: true, sameSite: 'Lax' }]);
    return browser;
  }

  /** Holds every request whose path `matches` until `release()`; then each goes on to the real server. */
  async function holdBack(browser: Browser, matches: (path: string) => boolean) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held: string[] = [];
    await browser.context.route(
      (url) => matches(url.pathname),
      async (route: Route) => {
        held.push(new URL(route.request().url()).pathname);
        await released;
        await route.continue();
      },
    );
    return { held, release };
  }

  const request = (browser: Browser, what: string, test: (url: URL) => boolean) =>
    browser.page
      .waitForRequest((r: Request) => test(new URL(r.url())), { timeout: 10_000 })
      .catch(() => {
        throw new Error(`no request for ${what} while the others were held back`);
      });

  it('asks for the queue, its counts and members while the session and the project are still unanswered, and shows the frame meanwhile', async () => {
    const browser = await freshBrowser();
    const gate = await holdBack(browser, (path) => path === '/api/v1/session' || path === '/api/v1/projects/billing');
    const seen = Promise.all([
      request(browser, 'the tickets', (url) => url.pathname === '/api/v1/projects/billing/tickets' && url.searchParams.get('state') === 'opened'),
      request(browser, 'the counts', (url) => url.pathname === '/api/v1/projects/billing/ticket_counts'),
      request(browser, 'the members', (url) => url.pathname === '/api/v1/projects/billing/members'),
    ]);
    await browser.page.goto(`${origin}/projects/billing/tickets`, { waitUntil: 'commit' });
    await seen;
    // The tickets were not held: their row shows although neither the session nor the project has answered.
    await browser.page.getByRole('link', { name: TITLE }).waitFor();
    assert.ok(await browser.page.getByRole('link', { name: 'Postdesk home' }).isVisible(), 'the top bar is there while the session is unanswered');
    assert.deepEqual(gate.held.sort(), ['/api/v1/projects/billing', '/api/v1/session'], 'the session and the project were held back meanwhile');
    gate.release();
    await browser.page.getByRole('heading', { name: 'Billing Desk · Queue' }).waitFor();
    await browser.page.getByRole('button', { name: 'Open 1', exact: true }).waitFor();
  });

  it("asks for a ticket and its notes while the session, the project and the ticket screen's chunk are still unanswered", async () => {
    const browser = await freshBrowser();
    const gate = await holdBack(
      browser,
      (path) => path === '/api/v1/session' || path === '/api/v1/projects/billing' || /^\/assets\/ticket-[\w-]+\.js$/.test(path),
    );
    const seen = Promise.all([
      request(browser, 'the ticket', (url) => url.pathname === `/api/v1/projects/billing/tickets/${iid}`),
      request(browser, 'its notes', (url) => url.pathname === `/api/v1/projects/billing/tickets/${iid}/notes`),
      request(browser, "the ticket screen's chunk", (url) => url.pathname.startsWith('/assets/ticket-')),
    ]);
    await browser.page.goto(`${origin}/projects/billing/tickets/${iid}`, { waitUntil: 'commit' });
    // Held back, the chunk cannot run, so no screen could have asked for the ticket: the entry did.
    await seen;
    gate.release();
    const thread = browser.page.getByRole('region', { name: 'Conversation' });
    await thread.getByRole('article').nth(2).waitFor();
    assert.equal(await thread.getByRole('article').count(), 3, 'the description and both notes');
    await browser.page.getByRole('textbox', { name: 'Reply' }).waitFor();
  });

  it('sends a signed-out cold load of a filtered queue through sign-in and back, filters kept', async () => {
    const browser = await freshBrowser(false);
    const target = `${origin}/projects/billing/tickets?state=closed`;
    await browser.page.goto(target);
    await browser.page.waitForURL((url) => url.pathname === '/login');
    assert.equal(new URL(browser.page.url()).searchParams.get('next'), '/projects/billing/tickets?state=closed', 'sign-in remembers the deep link');
    await browser.page.getByRole('textbox', { name: 'Username or email' }).fill('coldagent');
    await browser.page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await browser.page.getByRole('button', { name: 'Sign in' }).click();
    await browser.page.waitForURL(target);
    await browser.page.getByRole('button', { name: /^Closed/, pressed: true }).waitFor();
  });
});
