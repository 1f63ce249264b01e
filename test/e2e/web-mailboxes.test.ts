// The Mailboxes section of the mail log pages in a real chromium, against a real dovecot and the IMAP receiver
// `serve` runs (issue 8): a maintainer connects the project's mailbox through the form (the password in its
// own field, with characters a URL must encode) and sees it connected; mail delivered into dovecot becomes
// a ticket reached from the page; a wrong password shows as the mailbox's last error; Remove asks first.
// An instance admin sees every mailbox, the instance's IMAP_URL one too, on /admin/mail. Controls are found
// by role and accessible name only; screenshots at desktop and phone width go to .tmp/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { pino } from 'pino';
import type { ProjectRow } from '../../src/db/schema/projects.ts';
import { imapReceiver, type ImapReceiver } from '../../src/mail/inbound/imap/imap-receiver.ts';
import { type Browser, browserSkip, launchBrowser, screenshot, unnamedControls } from '../helpers/browser.ts';
import { type Dovecot, dovecotSkip, startDovecot } from '../helpers/dovecot.ts';
import { QUICK_TIMINGS, rawMail } from '../helpers/imap-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';
import { startWebDesk, type WebDesk } from '../helpers/web-desk.ts';

const skip = browserSkip('test/e2e/web-mailboxes.test.ts') || dovecotSkip('test/e2e/web-mailboxes.test.ts');
const INSTANCE_ACCOUNT = 'desk@example.test';
const ACCOUNT = 'support@helpdesk.test';
/** `@`, `/`, `%`, `#` and `?` must be encoded in the URL the API takes: the form does it (no `:`: dovecot's passwd-file splits on it). */
const PASSWORD = 'p@ss/w%41rd#1?';
const OTHER_ACCOUNT = 'sales@helpdesk.test';
const WRONG_PASSWORD = 'not-the-password-9f3c';
const TITLE = 'Paper jam on floor 3';

describe('mailboxes on the mail log pages in chromium', { skip }, () => {
  let dovecot: Dovecot;
  let desk: WebDesk;
  let receiver: ImapReceiver;
  let browser: Browser;
  let page: Page;
  let admin: TestUser;
  let maintainer: TestUser;
  let project: ProjectRow;
  const pageErrors: string[] = [];

  before(async () => {
    dovecot = await startDovecot();
    dovecot.account(INSTANCE_ACCOUNT, 'instance password');
    dovecot.account(ACCOUNT, PASSWORD);
    dovecot.account(OTHER_ACCOUNT, 'the right one');
    desk = await startWebDesk({ env: { IMAP_URL: dovecot.url(INSTANCE_ACCOUNT, 'instance password') } });
    admin = await desk.user({ admin: true, username: 'root-admin' });
    project = await desk.project(admin, { path: 'helpdesk', name: 'Helpdesk' });
    maintainer = await desk.member(project, { level: 40 });
    // As `serve` runs it, with quick timings: a look at the table every 200 ms, reconnection after ~100 ms.
    receiver = imapReceiver(desk.ctx, { electEveryMs: 200, timings: QUICK_TIMINGS, logger: pino({ level: 'silent' }) });
    await receiver.start();
    browser = await launchBrowser();
    page = browser.page;
    page.on('pageerror', (error) => pageErrors.push(String(error)));
  });

  after(async () => {
    await browser?.close();
    await receiver?.stop();
    await desk?.close();
    await dovecot?.close();
  });

  const mailUrl = () => `${desk.origin}/projects/helpdesk/mail`;
  const identity = (account: string) => `${account}@127.0.0.1:${dovecot.port}/INBOX`;
  const item = (account: string) => page.getByRole('listitem', { name: `Mailbox ${identity(account)}` });
  const mailboxes = async () =>
    (await desk.request(admin.token, 'GET', `/api/v1/projects/${project.id}/mailboxes`)).body as Array<{
      id: number;
      identity: string;
      move_to: string | null;
    }>;

  async function screen(name: string): Promise<void> {
    await screenshot(page, name);
    assert.deepEqual(await unnamedControls(page), [], `controls without an accessible name on the ${name} screen`);
  }

  it("connects the project's mailbox through the form and shows it connected", async () => {
    await page.goto(`${desk.origin}/login?next=${encodeURIComponent('/projects/helpdesk/mail')}`);
    await desk.signIn(page, maintainer.user.username);
    await page.waitForURL(mailUrl());
    const section = page.getByRole('region', { name: 'Mailboxes' });
    await section.getByText('This project reads no mailbox of its own.').waitFor();
    await screen('mailboxes-empty');
    const form = page.getByRole('form', { name: 'Connect a mailbox' });
    await form.getByRole('textbox', { name: 'IMAP URL' }).fill(`imap://${encodeURIComponent(ACCOUNT)}@127.0.0.1:${dovecot.port}/INBOX`);
    await form.getByLabel('Password').fill(PASSWORD);
    await form.getByRole('textbox', { name: 'Move taken mail to' }).fill('Processed');
    await form.getByRole('button', { name: 'Connect mailbox' }).click();
    await form
      .getByRole('status')
      .getByText(`Added ${identity(ACCOUNT)}`)
      .waitFor();
    assert.equal(await form.getByLabel('Password').inputValue(), '', 'the password field is emptied once the mailbox is added');
    await item(ACCOUNT).getByText('Connected', { exact: true }).waitFor({ timeout: 15_000 });
    const [stored] = await mailboxes();
    assert.equal(stored?.identity, `${encodeURIComponent(ACCOUNT)}@127.0.0.1:${dovecot.port}/INBOX`, 'the API has the mailbox');
    assert.equal(stored?.move_to, 'Processed', 'with the folder taken mail moves to');
    assert.match((await item(ACCOUNT).textContent()) ?? '', /moved to Processed/, 'the page says where taken mail goes');
    assert.ok(!((await page.content()) ?? '').includes(PASSWORD), 'the password is nowhere on the page');
  });

  it('turns mail delivered into the mailbox into a ticket, reached from the page', async () => {
    dovecot.deliver(ACCOUNT, rawMail({ to: ACCOUNT, subject: TITLE, messageId: '<paper-jam@example.org>' }));
    // The received mail arrives through the project's live events; its row links the ticket.
    const row = page.getByRole('table', { name: 'Received mail' }).getByRole('row', { name: new RegExp(TITLE) });
    await row.waitFor({ timeout: 15_000 });
    await row.getByRole('link', { name: /^#\d+$/ }).waitFor({ timeout: 15_000 });
    // The mailbox's last fetch shows (the list polls every 5 s).
    await item(ACCOUNT).getByText('just now').waitFor({ timeout: 15_000 });
    await screen('mailboxes-project');
    await row.getByRole('link', { name: /^#\d+$/ }).click();
    await page.getByRole('heading', { name: new RegExp(TITLE) }).waitFor();
    assert.equal(dovecot.messages(ACCOUNT).length, 0, 'the taken mail left INBOX');
    assert.equal(dovecot.messages(ACCOUNT, 'Processed').length, 1, 'and sits in Processed');
  });

  it('refuses a URL without a user and says why', async () => {
    await page.goto(mailUrl());
    const form = page.getByRole('form', { name: 'Connect a mailbox' });
    await form.getByRole('textbox', { name: 'IMAP URL' }).fill(`imap://127.0.0.1:${dovecot.port}/INBOX`);
    await form.getByLabel('Password').fill('whatever');
    await form.getByRole('button', { name: 'Connect mailbox' }).click();
    await form
      .getByRole('alert')
      .getByText(/imap_url: must name a user/)
      .waitFor();
    assert.equal((await mailboxes()).length, 1, 'nothing was added');
  });

  // Late in the file: dovecot slows every login from an address after failed ones (its auth penalty).
  it("shows a wrong password as the mailbox's last error, and removes the mailbox after asking", async () => {
    const form = page.getByRole('form', { name: 'Connect a mailbox' });
    await form.getByRole('textbox', { name: 'IMAP URL' }).fill(`imap://${encodeURIComponent(OTHER_ACCOUNT)}@127.0.0.1:${dovecot.port}/INBOX`);
    await form.getByLabel('Password').fill(WRONG_PASSWORD);
    await form.getByRole('button', { name: 'Connect mailbox' }).click();
    const error = item(OTHER_ACCOUNT).getByRole('alert');
    await error.waitFor({ timeout: 15_000 });
    assert.match((await error.textContent()) ?? '', /Last error.*authentication failed/i, 'the error says the login failed');
    assert.ok(!((await page.content()) ?? '').includes(WRONG_PASSWORD), 'the password is nowhere on the page');
    assert.equal(await item(OTHER_ACCOUNT).getByText('Not connected', { exact: true }).count(), 1, 'the mailbox is not connected');
    await screen('mailboxes-error');

    await item(OTHER_ACCOUNT)
      .getByRole('button', { name: `Remove mailbox ${identity(OTHER_ACCOUNT)}` })
      .click();
    assert.equal((await mailboxes()).length, 2, 'the first click only asks');
    await item(OTHER_ACCOUNT)
      .getByRole('button', { name: `Stop reading ${identity(OTHER_ACCOUNT)}` })
      .click();
    await item(OTHER_ACCOUNT).waitFor({ state: 'detached' });
    const left = await mailboxes();
    assert.deepEqual(
      left.map((m) => m.identity),
      [`${encodeURIComponent(ACCOUNT)}@127.0.0.1:${dovecot.port}/INBOX`],
      'the wrong one is removed, the other stays',
    );
    assert.equal(await item(ACCOUNT).count(), 1, 'the connected mailbox is still listed');
  });

  it("shows an instance admin every mailbox on /admin/mail, the instance's own too", async () => {
    await browser.context.clearCookies();
    await page.goto(`${desk.origin}/login?next=${encodeURIComponent('/admin/mail')}`);
    await desk.signIn(page, 'root-admin');
    await page.waitForURL(`${desk.origin}/admin/mail`);
    const instance = item(INSTANCE_ACCOUNT);
    await instance.getByText('Connected', { exact: true }).waitFor({ timeout: 15_000 });
    assert.match((await instance.textContent()) ?? '', /none: the instance's IMAP_URL/, "the instance's mailbox says whose it is");
    await item(ACCOUNT).getByRole('link', { name: 'helpdesk' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Remove mailbox/ }).count(), 0, 'the overview changes nothing');
    await screen('mailboxes-admin');
    assert.deepEqual(pageErrors, [], 'no uncaught errors on the pages');
  });
});
