// The admin screens of the web app (service desk settings and templates, mail log, members, users, profile)
// driven in a real chromium against the real API on a fresh database with mail really flowing. The app is
// built with Vite as it ships; the page's requests are answered by Playwright: built files from disk, /api
// through the real Fastify app (inject) as an admin's Bearer token, so these tests do not depend on how
// sessions are made. Anything asked of another origin is recorded and must stay empty.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { type Browser, browserSkip, launchBrowser } from '../helpers/browser.ts';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

// localhost is a secure context, so navigator.clipboard exists; Playwright answers every request, nothing listens.
const ORIGIN = 'http://localhost:7391';
const SCREENSHOTS = join(import.meta.dirname, '../../.tmp/screenshots');
const skip = browserSkip('admin-screens.test.ts');

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

describe('admin screens in chromium', { skip }, () => {
  let desk: MailDesk;
  let admin: TestUser;
  /** Whose Bearer token the page's API requests carry (the admin's unless a test says otherwise). */
  let acting: TestUser;
  let context: BrowserContext;
  let page: Page;
  let dist: string;
  let browser: Browser;
  const foreign: string[] = [];

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await desk.request(admin.token, method, `/api/v1${path}`, body);
    assert.ok(response.status < 400, `${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  before(async () => {
    desk = await startMailDesk({ relay: false });
    admin = await desk.user({ admin: true, username: 'rootish' });
    acting = admin;
    await desk.project(admin, { path: 'acme', name: 'Acme Support' });
    const { incoming_address } = await api('GET', '/projects/acme/service_desk');
    await desk.send({ from: 'Jane <jane@customer.test>', to: incoming_address, subject: 'Cannot log in', text: 'Help me please.' });
    // Mail to an extra address that does not exist yet is ignored; once it exists, Replay files it.
    await desk.send({ from: 'lee@shop.test', to: 'support+acme-refunds@desk.test', subject: 'Refund for order 5531', text: 'Please refund.' });
    await desk.settle();

    dist = mkdtempSync(join(tmpdir(), 'postdesk-web-'));
    await build({
      configFile: join(import.meta.dirname, '../../web/vite.config.ts'),
      logLevel: 'error',
      build: { outDir: dist, emptyOutDir: true },
    });
    browser = await launchBrowser();
    context = browser.context;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
    await context.route('**/*', async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      if (url.origin !== ORIGIN) {
        foreign.push(request.url());
        return route.abort();
      }
      if (url.pathname === '/api/v1/session') {
        // The session as the SPA expects it, made from GET /user (the same shape the auth branch answers).
        const user = await desk.request(acting.token, 'GET', '/api/v1/user');
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ user: user.body, csrf_token: 'test' }) });
      }
      if (url.pathname.startsWith('/api/')) {
        const body = request.postData();
        const response = await desk.http.inject({
          method: request.method() as 'GET',
          url: url.pathname + url.search,
          headers: { authorization: `Bearer ${acting.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { payload: body } : {}),
        });
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = String(value);
        return route.fulfill({ status: response.statusCode, headers, body: response.rawPayload });
      }
      const file = join(dist, url.pathname);
      if (url.pathname !== '/' && existsSync(file))
        return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
      return route.fulfill({ status: 200, contentType: 'text/html', body: readFileSync(join(dist, 'index.html')) });
    });
    page = context.pages()[0] ?? (await context.newPage());
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await desk?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  const open = async (path: string) => {
    await page.goto(`${ORIGIN}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
  };
  const shoot = async (name: string) => {
    for (const [size, width, height] of [
      ['desktop', 1440, 900],
      ['phone', 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(SCREENSHOTS, `admin-${name}-${size}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  };

  it('service desk settings: copies the address, saves a toggle and the display name', async () => {
    await open('/projects/acme/settings/service_desk');
    const address = (await api('GET', '/projects/acme/service_desk')).service_desk_address as string;
    await page.getByText(address, { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Copy service desk address' }).click();
    await page.getByRole('button', { name: 'Copy service desk address' }).filter({ hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText() as Promise<string>), address);

    await page.getByRole('switch', { name: /Reopen a closed ticket/ }).check();
    await page.getByLabel('Outgoing display name').fill('Acme Help');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = await api('GET', '/projects/acme/service_desk');
    assert.equal(saved.reopen_issue_on_external_participant_note, true);
    assert.equal(saved.outgoing_name, 'Acme Help');
    assert.equal(saved.add_external_participants_from_cc, false, 'a field left alone is not sent');
    await shoot('settings');
  });

  it('custom email: saves the address and its account, keeps no password in the page, and says why verification failed', async () => {
    await open('/projects/acme/settings/service_desk');
    const form = page.getByRole('form', { name: 'Custom email address' });
    await form.getByLabel('Custom email address').fill('help@acme-shop.example');
    await form.getByLabel('SMTP host').fill('smtp.invalid');
    await form.getByLabel('SMTP username').fill('help@acme-shop.example');
    await form.getByLabel('SMTP password').fill('app-password-1');
    await form.getByRole('button', { name: 'Save and verify' }).click();
    // No such host: the verification mail cannot go out, which is the verification's result (SD-94).
    await page.getByText(/Verification failed\. The SMTP server could not be reached/).waitFor({ timeout: 20_000 });
    const saved = await api('GET', '/projects/acme/service_desk');
    assert.equal(saved.custom_email, 'help@acme-shop.example');
    assert.equal(saved.custom_email_error, 'smtp_host_issue');
    assert.equal(saved.custom_email_smtp_password_set, true);
    assert.equal(await form.getByLabel('SMTP password').inputValue(), '', 'the password is not kept in the page');
    await shoot('settings-custom-email');
    await page.getByRole('button', { name: 'Reset custom email help@acme-shop.example' }).click();
    await page.getByRole('button', { name: 'Reset custom email', exact: true }).click();
    await page.getByText(/Hand out your own address/).waitFor();
    assert.equal((await api('GET', '/projects/acme/service_desk')).custom_email, null);
  });

  it('custom email with OAuth 2.0: sends the credentials instead of a password, keeps no secret in the page, shows the stored client', async () => {
    await open('/projects/acme/settings/service_desk');
    const form = page.getByRole('form', { name: 'Custom email address' });
    await form.getByLabel('Custom email address').fill('help@acme-shop.example');
    await form.getByLabel('SMTP host').fill('smtp.invalid');
    await form.getByLabel('SMTP username').fill('help@acme-shop.example');
    await form.getByRole('button', { name: 'OAuth 2.0' }).click();
    assert.equal(await form.getByLabel('SMTP password').count(), 0, 'no password field with OAuth 2.0');
    await form.getByLabel('OAuth 2.0 provider').selectOption('other');
    await form.getByLabel('Token URL').fill('https://login.invalid/oauth2/token');
    await form.getByLabel('Client ID').fill('postdesk-app');
    await form.getByLabel('Client secret').fill('client-secret-1');
    await form.getByLabel('Refresh token').fill('refresh-token-1');
    await form.getByRole('button', { name: 'Save and verify' }).click();
    // No such SMTP host: the verification fails before any token is asked for (SD-94).
    await page.getByText(/Verification failed\. The SMTP server could not be reached/).waitFor({ timeout: 20_000 });
    const saved = await api('GET', '/projects/acme/service_desk');
    assert.equal(saved.custom_email_smtp_password_set, false);
    assert.equal(saved.custom_email_smtp_oauth2?.client_id, 'postdesk-app');
    assert.equal(saved.custom_email_smtp_oauth2?.token_url, 'https://login.invalid/oauth2/token');
    assert.equal(await form.getByLabel('Refresh token').inputValue(), '', 'the refresh token is not kept in the page');
    assert.equal(await form.getByLabel('Client secret').inputValue(), '', 'nor the client secret');
    await page.getByText(/Credentials stored for client/).waitFor();
    await shoot('settings-custom-email-oauth2');
    await page.getByRole('button', { name: 'Reset custom email help@acme-shop.example' }).click();
    await page.getByRole('button', { name: 'Reset custom email', exact: true }).click();
    await page.getByText(/Hand out your own address/).waitFor();
  });

  it('template editor: the preview follows the typing in a script-less sandbox; save, then reset to default', async () => {
    await open('/projects/acme/settings/service_desk');
    const content = page.getByLabel('Template content');
    await content.fill('Hello from the desk about ');
    await page.getByRole('button', { name: /^Insert %\{ISSUE_ID\}/ }).click();
    const frame = page.frameLocator('iframe[title="Mail preview"]');
    // 'attached', not 'visible': chromium may skip layout of an off-screen, opaque-origin frame.
    await frame.getByText('Hello from the desk about #1').waitFor({ state: 'attached' });
    const sandbox = await page.locator('iframe[title="Mail preview"]').getAttribute('sandbox');
    assert.equal(sandbox, '', 'the preview iframe is sandboxed with no permissions');
    // A full-page shot leaves an off-screen sandboxed frame unpainted; this one shows what the agent sees.
    await page.locator('iframe[title="Mail preview"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-template-preview-viewport.png') });

    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByRole('status').filter({ hasText: 'Template saved' }).waitFor();
    const custom = await api('GET', '/projects/acme/service_desk/templates/thank_you');
    assert.equal(custom.content, 'Hello from the desk about %{ISSUE_ID}');
    assert.equal(custom.default, false);

    await page.getByRole('button', { name: 'Reset to default' }).click();
    await page.getByRole('status').filter({ hasText: 'Reset to the default' }).waitFor();
    assert.equal((await api('GET', '/projects/acme/service_desk/templates/thank_you')).default, true);
  });

  it('mail log: an ignored mail is replayed into a ticket once its address exists', async () => {
    await api('POST', '/projects/acme/service_desk/addresses', { key: 'refunds', labels: ['refund'] });
    await open('/admin/mail');
    const row = page.getByRole('row').filter({ hasText: 'Refund for order 5531' });
    await row.getByText('ignored').waitFor();
    await row.getByRole('button', { name: 'Replay' }).click();
    await row.getByText('processed').waitFor();
    await row.getByText('matched by extra_address').waitFor();
    await row.getByRole('link', { name: /^#\d+$/ }).waitFor();
    await shoot('mail-received');
  });

  it('mail log: the Sent tab says mail is kept, and the viewer shows it in a sandboxed iframe', async () => {
    await open('/projects/acme/mail?tab=sent');
    await page.getByText('No relay is configured (OUTGOING_SMTP_URL): mail is kept here instead of being sent.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'jane@customer.test' });
    await row.getByText('kept').waitFor();
    await row.getByRole('button', { name: /Cannot log in/ }).click();
    const viewer = page.getByRole('dialog', { name: /^Sent message \d+$/ });
    await viewer.waitFor();
    const frame = viewer.locator('iframe[title="Rendered message"]');
    assert.equal(await frame.getAttribute('sandbox'), '', 'the viewer iframe is sandboxed with no permissions');
    assert.match((await frame.getAttribute('src')) ?? '', /^\/api\/v1\/outbound_messages\/\d+\/rendered$/);
    assert.match((await viewer.getByRole('link', { name: 'Download raw source' }).getAttribute('href')) ?? '', /^\/api\/v1\/outbound_messages\/\d+\/raw$/);
    await shoot('mail-viewer');
    await viewer.getByRole('button', { name: 'Close' }).click();
  });

  it('members: add by username, change the role, remove', async () => {
    const alice = await desk.user({ username: 'alice' });
    await open('/projects/acme/members');
    await page.getByLabel('Username').fill('alice');
    await page.getByRole('button', { name: 'Add member' }).click();
    const role = page.getByRole('combobox', { name: 'Role of alice' });
    await role.waitFor();
    assert.equal(await role.inputValue(), '20', 'added as Reporter, the default');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/members/${alice.user.id}`) && r.request().method() === 'PUT'),
      role.selectOption({ label: 'Maintainer' }),
    ]);
    const members = (await api('GET', '/projects/acme/members')) as Array<{ id: number; access_level: number }>;
    assert.equal(members.find((m) => m.id === alice.user.id)?.access_level, 40);
    await shoot('members');
    await page.getByRole('button', { name: 'Remove alice' }).click();
    await page.getByRole('button', { name: 'Remove alice from the project' }).click();
    await role.waitFor({ state: 'detached' });
    const after = (await api('GET', '/projects/acme/members')) as Array<{ id: number }>;
    assert.ok(!after.some((m) => m.id === alice.user.id), 'alice is no longer a member');
  });

  it('users: an admin creates a user', async () => {
    await open('/admin/users');
    await page.getByLabel('Username').fill('newagent');
    await page.getByLabel('Email').fill('newagent@example.test');
    await page.getByLabel('Name', { exact: true }).fill('New Agent');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('status').filter({ hasText: 'Created newagent' }).waitFor();
    await page.getByRole('list', { name: 'Users' }).getByText('@newagent').waitFor();
    await shoot('users');
  });

  it('profile: a new token is shown once with a copy button, and can be revoked', async () => {
    await open('/profile');
    await page.getByLabel('Token name').fill('CI script');
    await page.getByRole('checkbox', { name: /read_api/ }).check();
    await page.getByRole('checkbox', { name: /^api/ }).uncheck();
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('region', { name: 'New token' });
    await shown.waitFor();
    await shown.getByRole('button', { name: 'Copy token' }).click();
    const token = await page.evaluate(() => (globalThis as any).navigator.clipboard.readText() as Promise<string>);
    const probe = await desk.request(token, 'GET', '/api/v1/user');
    assert.equal(probe.status, 200, 'the copied token works');
    await shoot('profile');
    await shown.getByRole('button', { name: 'Done, hide it' }).click();
    assert.equal(await page.getByText(token).count(), 0, 'the token is not shown again');

    await page.getByRole('button', { name: 'Revoke CI script' }).click();
    await page.getByRole('button', { name: 'Revoke CI script now' }).click();
    await page.getByRole('list', { name: 'Personal access tokens' }).getByText('revoked').waitFor();
    assert.equal((await desk.request(token, 'GET', '/api/v1/user')).status, 401, 'the revoked token no longer works');
  });

  it('a reporter reads the settings but gets no controls to change them, nor the mail log', async () => {
    const project = await api('GET', '/projects/acme');
    acting = await desk.member(project, { level: 20 });
    try {
      await open('/projects/acme/settings/service_desk');
      await page.getByText('Only maintainers can change these settings. You can read them.').waitFor();
      assert.equal(await page.getByRole('switch', { name: 'Service desk enabled' }).isDisabled(), true, 'toggles are read-only');
      assert.equal(await page.getByRole('button', { name: 'Save settings' }).count(), 0, 'no Save button');
      assert.equal(await page.getByRole('button', { name: 'Save template' }).count(), 0, 'no template Save button');
      await page
        .frameLocator('iframe[title="Mail preview"]')
        .getByText(/ticket #\d+/)
        .first()
        .waitFor({ state: 'attached' });
      await shoot('settings-reporter');

      await open('/projects/acme/mail');
      await page.getByText("Only maintainers can read a project's mail log.").waitFor();
      assert.equal(await page.getByRole('tab', { name: 'Received' }).count(), 0, 'no mail log tabs');

      await open('/projects/acme/members');
      await page.getByRole('list', { name: 'Members' }).getByText('@rootish').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Add member' }).count(), 0, 'no Add member form');
      assert.equal(await page.getByRole('combobox', { name: /^Role of/ }).count(), 0, 'roles are shown, not editable');
    } finally {
      acting = admin;
    }
  });

  it('asked nothing of any other origin', () => {
    assert.deepEqual(foreign, []);
  });
});
