// Blocked senders on a project's mail page in a real chromium (issue 9): a maintainer blocks the sender of a
// received message — the dialog asks first, and offers the whole domain — and the next mail from that domain
// arrives ignored (live, through the project's events) without a Block sender button of its own; the list
// below the log shows the entry, Unblock asks first, and Replay then makes the ticket. An address blocked
// by hand through the form is listed too; an instance admin blocks from /admin/mail. Controls are found by
// role and accessible name only; screenshots at desktop and phone width go to .tmp/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ProjectRow } from '../../src/db/schema/projects.ts';
import { type Browser, browserSkip, launchBrowser, screenshot, unnamedControls } from '../helpers/browser.ts';
import type { TestUser } from '../helpers/test-app.ts';
import { startWebDesk, type WebDesk } from '../helpers/web-desk.ts';

const skip = browserSkip('test/e2e/web-blocked-senders.test.ts');

describe('blocked senders on the mail page in chromium', { skip }, () => {
  let desk: WebDesk;
  let browser: Browser;
  let page: Page;
  let maintainer: TestUser;
  let project: ProjectRow;
  let address: string;
  const pageErrors: string[] = [];

  before(async () => {
    desk = await startWebDesk();
    const owner = await desk.user();
    project = await desk.project(owner, { path: 'helpdesk', name: 'Helpdesk' });
    maintainer = await desk.member(project, { level: 40 });
    address = (await desk.request(maintainer.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.incoming_address;
    browser = await launchBrowser();
    page = browser.page;
    page.on('pageerror', (error) => pageErrors.push(String(error)));
  });

  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  const received = () => page.getByRole('table', { name: 'Received mail' });
  const row = (subject: string) => received().getByRole('row', { name: new RegExp(subject) });
  const blockedList = () => page.getByRole('region', { name: 'Blocked senders' });
  const blocked = async () =>
    ((await desk.request(maintainer.token, 'GET', `/api/v1/projects/${project.id}/blocked_senders`)).body as Array<{ value: string }>).map((b) => b.value);

  async function screen(name: string): Promise<void> {
    await screenshot(page, name);
    assert.deepEqual(await unnamedControls(page), [], `controls without an accessible name on the ${name} screen`);
  }

  it("blocks a received message's whole domain after asking in a dialog", async () => {
    await desk.send({ from: 'Pest <pest@nuisance.test>', to: address, subject: 'Cheap watches', text: 'Buy now' });
    await desk.settle();
    await page.goto(`${desk.origin}/login?next=${encodeURIComponent('/projects/helpdesk/mail')}`);
    await desk.signIn(page, maintainer.user.username);
    await row('Cheap watches').waitFor();
    await blockedList().getByText('No one is blocked.').waitFor();

    await row('Cheap watches').getByRole('button', { name: 'Block sender pest@nuisance.test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Block sender' });
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('radio', { name: 'Only pest@nuisance.test' }).isChecked(), true, 'the address alone by default');
    await screen('blocked-senders-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(await blocked(), [], 'Cancel blocks nothing');

    await row('Cheap watches').getByRole('button', { name: 'Block sender pest@nuisance.test' }).click();
    await dialog.getByRole('radio', { name: /Everyone at nuisance\.test/ }).check();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('watch spam');
    await dialog.getByRole('button', { name: 'Block nuisance.test' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row('Cheap watches').getByRole('status').getByText('Blocked nuisance.test').waitFor();
    const item = blockedList().getByRole('listitem', { name: 'Blocked nuisance.test' });
    await item.getByText('watch spam').waitFor();
    assert.deepEqual(await blocked(), ['nuisance.test']);
  });

  it('shows the next mail from that domain ignored, unblocks after asking, and Replay makes the ticket', async () => {
    await desk.send({ from: 'other@nuisance.test', to: address, subject: 'More watches', text: 'Buy two' });
    await desk.settle();
    const ignored = row('More watches');
    await ignored.getByText(/blocked_sender: other@nuisance\.test is blocked in this project \(domain nuisance\.test\)/).waitFor();
    assert.equal(await ignored.getByRole('button', { name: /^Block sender/ }).count(), 0, 'no Block sender on a message blocked already');
    await screen('blocked-senders-mail-page');

    const item = blockedList().getByRole('listitem', { name: 'Blocked nuisance.test' });
    await item.getByRole('button', { name: 'Unblock nuisance.test' }).click();
    assert.deepEqual(await blocked(), ['nuisance.test'], 'the first click only asks');
    await item.getByRole('button', { name: 'Yes, unblock nuisance.test' }).click();
    await item.waitFor({ state: 'detached' });
    assert.deepEqual(await blocked(), []);

    await ignored.getByRole('button', { name: 'Replay' }).click();
    await ignored.getByRole('link', { name: /^#\d+$/ }).waitFor();
    await desk.settle();
    const thanked = desk.sink.mails.filter((m) => m.envelopeTo.includes('other@nuisance.test'));
    assert.equal(thanked.length, 1, 'the replayed mail made a ticket and its sender was thanked');
  });

  it('blocks an address typed into the form, and says why one is refused', async () => {
    const form = page.getByRole('form', { name: 'Block a sender' });
    await form.getByRole('textbox', { name: 'Address or domain' }).fill('com');
    await form.getByRole('button', { name: 'Block' }).click();
    await form
      .getByRole('alert')
      .getByText(/value is not a domain/)
      .waitFor();
    await form.getByRole('textbox', { name: 'Address or domain' }).fill('Fraud@Phish.test');
    await form.getByRole('textbox', { name: 'Note' }).fill('phishing');
    await form.getByRole('button', { name: 'Block' }).click();
    await form.getByRole('status').getByText('Blocked fraud@phish.test.').waitFor();
    await blockedList().getByRole('listitem', { name: 'Blocked fraud@phish.test' }).waitFor();
    assert.deepEqual(await blocked(), ['fraud@phish.test']);
    await screen('blocked-senders-list');
  });

  it("lets an instance admin block a sender from /admin/mail, in the message's project", async () => {
    const admin = await desk.user({ admin: true });
    await desk.send({ from: 'ad@promo.test', to: address, subject: 'Newsletter-ish', text: 'Offers' });
    await desk.settle();
    await browser.context.clearCookies();
    await page.goto(`${desk.origin}/login?next=${encodeURIComponent('/admin/mail')}`);
    await desk.signIn(page, admin.user.username);
    await row('Newsletter-ish').getByRole('button', { name: 'Block sender ad@promo.test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Block sender' });
    await dialog.getByRole('button', { name: 'Block ad@promo.test' }).click();
    await row('Newsletter-ish').getByRole('status').getByText('Blocked ad@promo.test').waitFor();
    assert.deepEqual(await blocked(), ['ad@promo.test', 'fraud@phish.test'], "added to the message's project");
    assert.deepEqual(pageErrors, [], 'no uncaught errors on the pages');
  });
});
