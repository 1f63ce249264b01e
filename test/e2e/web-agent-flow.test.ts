// An agent's day in a real chromium against the real server (HTTP on a loopback port, SMTP in, the worker,
// an SMTP sink for mail out): sign in, the queue, a mailed ticket appearing live, reply, internal note,
// a quick action, a setting, a template, replaying an ignored mail, sign out, and a deep link that survives
// sign-in. Controls are found ONLY by role and accessible name (INTERFACE.md "Web UI"); screenshots of each
// screen at desktop and phone width go to .tmp/screenshots/.
// The steps share one browser and one desk and run in order; each says what it was doing when it fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ProjectRow } from '../../src/db/schema/projects.ts';
import { type Browser, browserSkip, launchBrowser, screenshot, unnamedControls } from '../helpers/browser.ts';
import type { TestUser } from '../helpers/test-app.ts';
import { startWebDesk, type WebDesk } from '../helpers/web-desk.ts';

const skip = browserSkip('test/e2e/web-agent-flow.test.ts');
const CUSTOMER = 'ada@customer.test';
const TITLE = 'Printer on fire in room 12';

describe('the agent web app in chromium', { skip }, () => {
  let desk: WebDesk;
  let browser: Browser;
  let page: Page;
  let agent: TestUser;
  let project: ProjectRow;
  let address: string;
  let ticketIid: number;
  let ticketUrl: string;
  const pageErrors: string[] = [];

  before(async () => {
    desk = await startWebDesk();
    agent = await desk.user({ admin: true, username: 'agent' });
    project = await desk.project(agent, { path: 'helpdesk', name: 'Helpdesk' });
    address = (await desk.request(agent.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.incoming_address;
    browser = await launchBrowser();
    page = browser.page;
    page.on('pageerror', (error) => pageErrors.push(String(error)));
  });

  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  const api = (method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown) => desk.request(agent.token, method, `/api/v1${path}`, body);
  const queueUrl = () => `${desk.origin}/projects/helpdesk/tickets`;

  /** Screenshots of a main screen at both widths, and every control on it has an accessible name. */
  async function screen(name: string): Promise<void> {
    await screenshot(page, name);
    assert.deepEqual(await unnamedControls(page), [], `controls without an accessible name on the ${name} screen`);
  }

  it('shows the sign-in page with its labelled fields', async () => {
    await page.goto(`${desk.origin}/login`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.ok(await page.getByRole('textbox', { name: 'Username or email' }).isVisible(), 'the sign-in page has a textbox "Username or email"');
    assert.ok(await page.getByLabel('Password', { exact: true }).isVisible(), 'the sign-in page has a field "Password"');
    await screen('sign-in');
  });

  it('refuses a wrong password on the page and stays there', async () => {
    await page.getByRole('textbox', { name: 'Username or email' }).fill('agent');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(new URL(page.url()).pathname, /^\/login/, 'a failed sign-in stays on the sign-in page');
  });

  it('signs in through the sign-in page and opens the project queue', async () => {
    await desk.signIn(page, 'agent');
    const cookies = await browser.context.cookies(desk.origin);
    const session = cookies.find((c) => c.name === 'postdesk_session');
    assert.ok(session, `a postdesk_session cookie is set (cookies: ${cookies.map((c) => c.name).join(', ')})`);
    assert.equal(session.httpOnly, true, 'the session cookie is HTTP-only');
    assert.equal(session.sameSite, 'Lax', 'the session cookie is SameSite=Lax');
    // A first visit knows no last project: the project list, whose link opens the queue.
    await page.getByRole('link', { name: /Helpdesk/ }).click();
    await page.waitForURL(queueUrl());
  });

  it('shows a ticket mailed over SMTP in the open queue without a reload', async () => {
    // A reload or a navigation would drop this marker.
    await page.evaluate(() => {
      (globalThis as { __sameDocument?: boolean }).__sameDocument = true;
    });
    await desk.send({ from: `Ada Lovelace <${CUSTOMER}>`, to: address, subject: TITLE, text: 'It smells of toner and smoke.\n\nAda' });
    const row = page.getByRole('link', { name: new RegExp(TITLE) });
    await row.waitFor({ timeout: 15_000 });
    assert.equal(
      await page.evaluate(() => (globalThis as { __sameDocument?: boolean }).__sameDocument),
      true,
      'the ticket appeared in the same document (no reload, no navigation)',
    );
    assert.equal(page.url(), queueUrl(), 'the queue stayed where it was');
    const [ticket] = (await api('GET', `/projects/${project.id}/tickets`)).body as { iid: number; title: string }[];
    assert.equal(ticket?.title, TITLE, 'the API lists the mailed ticket');
    ticketIid = ticket.iid;
    ticketUrl = `${desk.origin}/projects/helpdesk/tickets/${ticketIid}`;
    await screen('queue');
  });

  it('opens the ticket from the queue and shows the customer mail as a message', async (t) => {
    if (!ticketIid) return t.skip('no ticket: the queue step failed');
    await page.getByRole('link', { name: new RegExp(TITLE) }).click();
    await page.waitForURL(ticketUrl);
    await page.getByRole('heading', { name: new RegExp(TITLE) }).waitFor();
    const mail = page.getByRole('article', { name: /^Email from/ }).first();
    await mail.waitFor();
    assert.match((await mail.textContent()) ?? '', /toner and smoke/, 'the mail text is in the thread');
    await screen('ticket');
  });

  it('replies to the customer: the comment shows in the thread and the mail reaches the sink', async (t) => {
    if (!ticketIid) return t.skip('no ticket: the queue step failed');
    await desk.settle();
    const sent = desk.sink.mails.length; // the thank-you mail is already there
    await page.getByRole('textbox', { name: 'Reply' }).fill('We are sending someone with an extinguisher.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page
      .getByRole('article', { name: /^Comment/ })
      .filter({ hasText: 'extinguisher' })
      .waitFor();
    const mail = (await desk.sink.waitFor(sent + 1))[sent]!;
    assert.deepEqual(mail.envelopeTo, [CUSTOMER], 'the reply is mailed to the customer');
    assert.match(mail.parsed.text ?? '', /extinguisher/, 'the mail carries the reply');
    assert.equal(await page.getByRole('textbox', { name: 'Reply' }).inputValue(), '', 'the composer is emptied after sending');
  });

  it('writes an internal note: the composer changes, the note shows as internal, and NO mail goes out', async (t) => {
    if (!ticketIid) return t.skip('no ticket: the queue step failed');
    await desk.settle();
    const sent = desk.sink.mails.length;
    const toggle = page.getByRole('switch', { name: 'Internal note' }).or(page.getByRole('checkbox', { name: 'Internal note' }));
    await toggle.check();
    const textbox = page.getByRole('textbox', { name: 'Internal note' });
    await textbox.fill('Facilities say the printer was recalled last month.');
    assert.equal(await page.getByRole('button', { name: 'Send' }).count(), 0, 'no "Send" button while the note is internal');
    assert.equal(await page.getByRole('textbox', { name: 'Reply', exact: true }).count(), 0, 'no "Reply" textbox while the note is internal');
    await screen('composer-internal-note');
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page
      .getByRole('article', { name: /^Internal note/ })
      .filter({ hasText: 'recalled last month' })
      .waitFor();
    await desk.settle();
    assert.equal(desk.sink.mails.length, sent, 'an internal note mails no one');
    const notes = (await api('GET', `/projects/${project.id}/tickets/${ticketIid}/notes`)).body as { body: string; internal: boolean }[];
    assert.equal(notes.find((n) => n.body.includes('recalled'))?.internal, true, 'the note is stored as internal');
    await toggle.uncheck();
    await page.getByRole('textbox', { name: 'Reply' }).waitFor();
  });

  it('runs a quick action from the composer: /label and /close take effect on the page', async (t) => {
    if (!ticketIid) return t.skip('no ticket: the queue step failed');
    await desk.settle();
    const sent = desk.sink.mails.length;
    const reply = page.getByRole('textbox', { name: 'Reply' });
    await reply.fill('/label ~urgent\n/close');
    await reply.press('Escape'); // closes the quick-action autocomplete, if it is open
    await page.getByRole('button', { name: 'Send' }).click();
    await page
      .getByRole('article', { name: /^System note/ })
      .filter({ hasText: /closed/i })
      .waitFor();
    await page.getByRole('list', { name: 'Labels' }).getByRole('listitem').filter({ hasText: 'urgent' }).waitFor();
    const ticket = (await api('GET', `/projects/${project.id}/tickets/${ticketIid}`)).body as { state: string; labels: string[] };
    assert.equal(ticket.state, 'closed', '/close closed the ticket');
    assert.deepEqual(ticket.labels, ['urgent'], '/label set the label');
    await desk.settle();
    assert.equal(desk.sink.mails.length, sent, 'a comment of only quick actions mails no one');
  });

  it('changes a service desk setting on the settings screen', async () => {
    await page.goto(`${desk.origin}/projects/helpdesk/settings/service_desk`);
    const name = page.getByRole('textbox', { name: 'Display name' });
    await name.fill('Helpdesk Team');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // "Saved", not the "Unsaved changes" shown before the answer.
    await page
      .getByRole('status')
      .filter({ hasText: /\bSaved\b/ })
      .first()
      .waitFor();
    const settings = (await api('GET', `/projects/${project.id}/service_desk`)).body as { outgoing_name: string };
    assert.equal(settings.outgoing_name, 'Helpdesk Team', 'the display name was saved');
    await screen('settings');
  });

  it('edits a template and the live preview follows', async () => {
    await page.goto(`${desk.origin}/projects/helpdesk/settings/service_desk`);
    // The preview fills the template in for one of the project's tickets: make sure there is one.
    if ((await api('GET', `/projects/${project.id}/tickets?state=all`)).body.length === 0) {
      await desk.send({ from: CUSTOMER, to: address, subject: 'A ticket for the preview', text: 'Hello' });
      await desk.settle();
      await page.reload();
    }
    const editor = page.getByRole('textbox', { name: 'Template content', exact: true });
    await editor.fill('Thanks for ticket %{ISSUE_ID}! Hold tight, we are on it.');
    const preview = page.getByRole('region', { name: 'Preview' });
    // The mail's HTML part, as the customer will see it, in the preview's sandboxed frame.
    const mail = preview.getByTitle('Mail preview').contentFrame();
    await mail.getByText(/Hold tight, we are on it/).waitFor();
    assert.match((await mail.locator('body').textContent()) ?? '', /ticket #\d+!/, 'the preview fills in the placeholders');
    await screen('template-editor');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByRole('status').filter({ hasText: 'Template saved' }).waitFor();
    const saved = (await api('GET', `/projects/${project.id}/service_desk/templates/thank_you`)).body as { content: string };
    assert.match(saved.content, /Hold tight/, 'the template was saved');
  });

  it('replays an ignored mail from the mail log, and it becomes a ticket', async () => {
    await page.goto(`${desk.origin}/admin/mail`);
    await api('PUT', `/projects/${project.id}/service_desk`, { enabled: false });
    await desk.send({ from: 'late@customer.test', to: address, subject: 'Sent while the desk was off', text: 'Anyone there?' });
    await desk.settle();
    const [ignored] = (await api('GET', '/inbound_messages?per_page=1')).body as { id: number; state: string; reason: string }[];
    assert.equal(ignored?.reason, 'service_desk_disabled', 'the mail was ignored while the desk was off');
    await api('PUT', `/projects/${project.id}/service_desk`, { enabled: true });
    await page.reload();
    const row = page.getByRole('row', { name: /Sent while the desk was off/ });
    await row.waitFor();
    await screen('mail-log');
    await row.getByRole('button', { name: /^Replay/ }).click();
    const confirm = page.getByRole('dialog').getByRole('button', { name: /^Replay/ });
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await desk.settle();
    const replayed = (await api('GET', `/inbound_messages/${ignored.id}`)).body as { state: string; ticket_iid: number };
    assert.equal(replayed.state, 'processed', 'the replayed mail was processed');
    await page
      .getByRole('row', { name: /Sent while the desk was off/ })
      .getByText(/processed/i)
      .waitFor();
  });

  it('shows a received mail in the mail viewer', async () => {
    await page.goto(`${desk.origin}/admin/mail`);
    await page.getByRole('table', { name: 'Received mail' }).getByRole('button', { name: TITLE }).click();
    const viewer = page.getByRole('dialog').getByTitle('Rendered message').contentFrame();
    await viewer.getByText(/toner and smoke/).waitFor();
    await screen('mail-viewer');
  });

  it('shows the people and profile screens', async () => {
    await page.goto(`${desk.origin}/admin/users`);
    await page.getByText('agent').first().waitFor();
    await screen('people');
    await page.goto(`${desk.origin}/profile`);
    await screen('profile');
  });

  it('signs out and is back at the sign-in page; the API no longer knows the session', async () => {
    await page.goto(queueUrl());
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    assert.equal(status, 401, 'the session ended on the server');
  });

  it('sends a deep link opened while signed out through sign-in and back to it', async () => {
    const target = ticketUrl ?? `${desk.origin}/projects/helpdesk/settings/service_desk`;
    await page.goto(target);
    await page.waitForURL((url) => url.pathname === '/login');
    assert.equal(new URL(page.url()).searchParams.get('next'), new URL(target).pathname, 'the sign-in page remembers where to go');
    await desk.signIn(page, 'agent@example.test');
    await page.waitForURL(target);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  });

  it('raised no uncaught error in the page', () => {
    assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
  });
});
