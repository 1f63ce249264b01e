// A search broader than the count limit in the real web app (chromium, real server): the tabs say "1000+"
// rather than a number the server did not count, the list still shows the newest matches, and paging on
// works. Screenshots at desktop and phone width: .tmp/screenshots/queue-broad-search-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, browserSkip, launchBrowser, screenshot } from '../helpers/browser.ts';
import { insertTicketsInBulk } from '../helpers/bulk-tickets.ts';
import { startWebDesk, type WebDesk } from '../helpers/web-desk.ts';

const skip = browserSkip('test/e2e/web-broad-search.test.ts');
const OPEN_MATCHES = 1005;

describe('a broad search in the web app', { skip }, () => {
  let desk: WebDesk;
  let browser: Browser;

  before(async () => {
    desk = await startWebDesk();
    const agent = await desk.user({ username: 'agent' });
    const project = await desk.project(agent, { path: 'walruses', name: 'Walruses' });
    await insertTicketsInBulk(
      desk.ctx.db,
      project.id,
      Array.from({ length: OPEN_MATCHES + 2 }, (_, i) =>
        i < OPEN_MATCHES ? { title: `Walrus sighting ${i + 1}`, state: 'opened' } : { title: `Closed walrus ${i + 1}`, state: 'closed' },
      ),
    );
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('says 1000+ where the search stopped counting, and pages on', async () => {
    const { page } = browser;
    await page.goto(`${desk.origin}/projects/walruses/tickets`);
    await page.waitForURL((url) => url.pathname === '/login');
    await desk.signIn(page, 'agent');
    await page.getByRole('button', { name: `Open ${OPEN_MATCHES}`, exact: true }).waitFor();
    await page.getByRole('searchbox', { name: 'Search tickets' }).fill('walrus');
    await page.getByRole('searchbox', { name: 'Search tickets' }).press('Enter');
    await page.getByRole('button', { name: 'Open 1000+', exact: true }).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Closed 2', exact: true }).isVisible(), 'the closed count is exact');
    assert.ok(await page.getByRole('button', { name: 'All 1002+', exact: true }).isVisible(), 'all: at least the sum');
    // The list and the tab counts are two answers: the list's may land a moment after the tabs'.
    await page.getByText('1000+ tickets').waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: `Walrus sighting ${OPEN_MATCHES}` }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'queue-broad-search');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('link', { name: `Walrus sighting ${OPEN_MATCHES - 25}` }).waitFor();
  });
});
