// Hostile mail in a real chromium: a corpus of XSS and tracking payloads is mailed over SMTP as new tickets
// (HTML mail and plain text) and as replies, then opened where an agent reads it — the queue, the ticket
// page, the mail viewer. Nothing may run (no dialog, no `window.__xss`), and nothing may be asked of any
// origin but the app's: every remote URL in the corpus points at a local "canary" server (plain HTTP, and
// HTTPS for what the page's CSP would let through), which must receive nothing. A request the CSP blocks
// still counts as a leak (issue 7), so CSP violation reports in the console fail the test too. Only when
// the agent clicks "Load remote images" on a message may that message's images — and only images — load.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type Browser, browserSkip, launchBrowser, type RequestRecorder, recordRequests } from '../helpers/browser.ts';
import type { TestUser } from '../helpers/test-app.ts';
import { startWebDesk, type WebDesk } from '../helpers/web-desk.ts';

const skip = browserSkip('test/e2e/web-xss.test.ts');

// Every payload that manages to run sets `window.__xss` or opens a dialog; every remote URL is a canary's.
function corpus(http: string, https: string): string[] {
  const js64 = Buffer.from('<script>parent.__xss=1;alert(1)</script>').toString('base64');
  return [
    '<script>window.__xss=1</script>',
    `<script src="${http}/script.js"></script>`,
    `<script src="${https}/script-tls.js"></script>`,
    '<img src=x onerror="window.__xss=1">',
    `<img src="${http}/onload.png" onload="alert(1)">`,
    '<IMG SRC=x OnErRoR=alert(1)>',
    '<img src=`javascript:alert(1)`>',
    '<IMG """><SCRIPT>window.__xss=1</SCRIPT>">',
    '<svg onload="window.__xss=1"><circle r="1"/></svg>',
    '<svg><script>window.__xss=1</script></svg>',
    '<svg><animate onbegin="window.__xss=1" attributeName="x" dur="1s"/></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text y="20">svg link</text></a></svg>',
    `<svg><image href="${http}/svg-image.png"/><use href="${http}/use.svg#x"/></svg>`,
    '<body onload="window.__xss=1">',
    '<details open ontoggle="window.__xss=1"><summary>toggle</summary>details</details>',
    '<input autofocus onfocus="window.__xss=1">',
    '<marquee onstart="window.__xss=1">marquee</marquee>',
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>"></noscript>',
    '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
    '<a href="javascript:window.__xss=1">js link</a>',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab entity</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">entity link</a>',
    '<a href="java\u0000script:alert(1)">null byte link</a>',
    '<a href="vbscript:msgbox(1)">vbscript</a>',
    `<a href="data:text/html;base64,${js64}">data link</a>`,
    `<img src="data:text/html;base64,${js64}">`,
    '<img src="javascript:alert(1)">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    `<iframe src="${http}/frame.html"></iframe>`,
    `<object data="${http}/object.swf"></object><embed src="${http}/embed.swf">`,
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
    '<math href="javascript:alert(1)">math link</math>',
    `<div style="background:url(${http}/bg.png)">css background</div>`,
    `<div style="background-image:url(&quot;${https}/bg-entity.png&quot;)">css background, entities</div>`,
    '<div style="width:expression(alert(1))">css expression</div>',
    `<style>@import url(${http}/import.css); body { background: url(${http}/body-bg.png) } * { cursor: url(${http}/cursor.cur), auto }</style>`,
    `<style>@font-face { font-family: x; src: url(${https}/font.woff) } p { font-family: x }</style>`,
    `<link rel="stylesheet" href="${http}/link.css"><link rel="prefetch" href="${http}/prefetch"><link rel="icon" href="${http}/favicon.ico">`,
    `<meta http-equiv="refresh" content="0;url=${http}/refresh">`,
    `<base href="${http}/"><a href="relative">relative link</a><img src="relative.png">`,
    `<form action="${http}/form"><input name="q" value="x"><button>Go</button></form>`,
    `<table background="${http}/table-bg.png"><tr><td background="${http}/td-bg.png">background attribute</td></tr></table>`,
    `<body background="${http}/body-attr.png">`,
    `<img srcset="${http}/srcset.png 1x, ${https}/srcset-tls.png 2x">`,
    `<picture><source srcset="${https}/source.png"><img src="${http}/picture.png"></picture>`,
    `<video poster="${https}/poster.png"><source src="${http}/video.mp4"></video><audio src="${http}/audio.mp3" autoplay></audio>`,
    `<img src="${http}/tracker.png" width="1" height="1"><img src="${https}/tracker-tls.png">`,
    `<img src="//${new URL(http).host}/protocol-relative.png">`,
    '+ADw-script+AD4-window.__xss=1+ADw-/script+AD4-',
    '&lt;script&gt;window.__xss=1&lt;/script&gt;',
    '[markdown js link](javascript:window.__xss=1)',
    '[markdown js link, entity](javascript&#58;alert(1))',
    `[markdown data link](data:text/html;base64,${js64})`,
    `![markdown image](${http}/md.png) ![markdown image tls](${https}/md-tls.png)`,
    `[![linked image](${https}/md-linked.png)](${http}/target)`,
    `<${http}/autolink> and ${https}/bare-url`,
  ];
}

function htmlMail(payloads: string[], marker: string): string {
  return `<html><head><title>x</title></head><body><p>${marker}</p>\n${payloads.map((p) => `<div>${p}</div>`).join('\n')}\n<p>${marker} END</p></body></html>`;
}

function textMail(payloads: string[], marker: string): string {
  return `${marker}\n\n${payloads.join('\n\n')}\n\n${marker} END\n`;
}

interface Canary {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

async function listen(server: Server, scheme: string, hits: string[]): Promise<Canary> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `${scheme}://127.0.0.1:${port}`, hits, close: () => new Promise((done) => server.close(() => done())) };
}

function canaryHandler(hits: string[]) {
  return (request: IncomingMessage, response: ServerResponse) => {
    hits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(PIXEL);
  };
}

/** A self-signed certificate for 127.0.0.1 (the browser is told to accept it), made with Debian's openssl. */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'postdesk-canary-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('hostile mail in chromium: nothing runs, nothing leaves', { skip }, () => {
  let desk: WebDesk;
  let browser: Browser;
  let page: Page;
  let agent: TestUser;
  let projectId: number;
  let address: string;
  let canary: Canary;
  let canaryTls: Canary;
  let requests: RequestRecorder;
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  /** Ticket iids by what opened them, and the inbound message ids of every hostile mail. */
  const tickets: Record<'html' | 'text' | 'images', number> = { html: 0, text: 0, images: 0 };
  const inboundIds: number[] = [];

  before(async () => {
    const httpHits: string[] = [];
    const httpsHits: string[] = [];
    canary = await listen(createHttpServer(canaryHandler(httpHits)), 'http', httpHits);
    canaryTls = await listen(createHttpsServer(selfSignedCertificate(), canaryHandler(httpsHits)), 'https', httpsHits);
    desk = await startWebDesk();
    agent = await desk.user({ admin: true, username: 'guard' });
    const project = await desk.project(agent, { path: 'frontline', name: 'Frontline' });
    projectId = project.id;
    address = (await desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
    browser = await launchBrowser({ ignoreHTTPSErrors: true });
    page = browser.page;
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => {});
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    requests = recordRequests(browser.context, desk.origin);
  });

  after(async () => {
    await browser?.close();
    await desk?.close();
    await canary?.close();
    await canaryTls?.close();
  });

  const api = (path: string) => desk.request(agent.token, 'GET', `/api/v1${path}`).then((r) => r.body);

  /** What every step ends with: nothing ran, no dialog, no request outside the app, the canaries untouched. */
  async function assertNothingRanOrLeft(where: string): Promise<void> {
    // Give anything that was going to load or run (a refresh, a lazy image, a timer) the chance to.
    await page.waitForTimeout(750);
    for (const frame of page.frames()) {
      const ran = await frame.evaluate(() => (globalThis as { __xss?: unknown }).__xss).catch(() => undefined);
      assert.equal(ran, undefined, `a payload ran in ${where} (frame ${frame.url()})`);
    }
    assert.deepEqual(dialogs, [], `a dialog opened in ${where}`);
    assert.deepEqual(requests.foreign, [], `the browser asked for something outside the app in ${where}`);
    assert.deepEqual(canary.hits, [], `the HTTP canary was asked for something in ${where}`);
    assert.deepEqual(canaryTls.hits, [], `the HTTPS canary was asked for something in ${where}`);
    assert.deepEqual(cspViolations, [], `the page tried to load something the CSP refused in ${where}`);
    assert.deepEqual(pageErrors, [], `uncaught errors in the page in ${where}`);
  }

  const SUBJECT_PAYLOAD = '<img src=x onerror=window.__xss=1><script>alert(1)</script>';
  const FROM_PAYLOAD = '"<svg onload=alert(1)>" <mallory@attacker.test>';

  it('takes the corpus by mail as new tickets (HTML and plain text) and as replies, and the server fetches nothing', async () => {
    const payloads = corpus(canary.url, canaryTls.url);
    const latest = async () => (await api('/inbound_messages?per_page=1'))[0] as { id: number; state: string; ticket_iid: number };
    const deliver = async (mail: Parameters<WebDesk['send']>[0]) => {
      await desk.send({ to: address, from: FROM_PAYLOAD, ...mail });
      await desk.settle();
      const message = await latest();
      assert.equal(message.state, 'processed', `the mail "${mail.subject}" was taken`);
      inboundIds.push(message.id);
      return message;
    };
    tickets.html = (
      await deliver({
        subject: `HTML corpus ${SUBJECT_PAYLOAD}`,
        // HTML only: with a text alternative the desk takes the text part and the HTML would never be shown.
        html: htmlMail(payloads, 'CORPUS-HTML'),
        messageId: '<corpus-html@attacker.test>',
        attachments: [
          {
            filename: 'evil.svg',
            contentType: 'image/svg+xml',
            content: `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script><image href="${canary.url}/attachment.png"/></svg>`,
          },
          { filename: '<img src=x onerror=alert(1)>.html', contentType: 'text/html', content: '<script>alert(1)</script>' },
        ],
      })
    ).ticket_iid;
    tickets.text = (
      await deliver({ subject: `Text corpus ${SUBJECT_PAYLOAD}`, text: textMail(payloads, 'CORPUS-TEXT'), messageId: '<corpus-text@attacker.test>' })
    ).ticket_iid;
    // Replies by threading headers: the plain-text corpus on the HTML ticket and the HTML corpus on the text ticket.
    await deliver({ subject: 'Re: HTML corpus', text: textMail(payloads, 'REPLY-TEXT'), inReplyTo: '<corpus-html@attacker.test>' });
    await deliver({ subject: 'Re: Text corpus', html: htmlMail(payloads, 'REPLY-HTML'), inReplyTo: '<corpus-text@attacker.test>' });
    for (const iid of [tickets.html, tickets.text]) {
      const notes = (await api(`/projects/${projectId}/tickets/${iid}/notes`)) as { body: string; system: boolean }[];
      assert.ok(
        notes.some((n) => /REPLY-(TEXT|HTML)/.test(n.body)),
        `the reply landed on ticket #${iid}: ${JSON.stringify(notes.map((n) => n.body.slice(0, 40)))}`,
      );
    }
    tickets.images = (
      await deliver({
        subject: 'Newsletter with a logo',
        html: `<p>IMAGES-MESSAGE</p><p><img src="${canaryTls.url}/logo.png" alt="logo"></p><div style="background:url(${canaryTls.url}/background.png)">after the logo</div><script src="${canaryTls.url}/script.js"></script>`,
        messageId: '<newsletter@sender.test>',
      })
    ).ticket_iid;
    assert.deepEqual(canary.hits, [], 'the server itself fetched a remote URL of the corpus');
    assert.deepEqual(canaryTls.hits, [], 'the server itself fetched a remote URL of the corpus (https)');
  });

  it('signs in; the sign-in page loads nothing outside the app', async () => {
    await page.goto(`${desk.origin}/login`);
    await desk.signIn(page, 'guard');
    await assertNothingRanOrLeft('the sign-in and the first screen');
  });

  it('lists the hostile titles in the queue as text', async () => {
    await page.goto(`${desk.origin}/projects/frontline/tickets`);
    await page.getByRole('link', { name: /HTML corpus/ }).waitFor();
    assert.ok(await page.getByRole('link', { name: /Text corpus/ }).isVisible(), 'the text corpus ticket is listed');
    assert.match((await page.getByRole('link', { name: /HTML corpus/ }).textContent()) ?? '', /<img src=x onerror/, 'the title shows the payload as text');
    await assertNothingRanOrLeft('the queue');
  });

  for (const kind of ['html', 'text'] as const) {
    it(`opens the ${kind === 'html' ? 'HTML' : 'plain-text'} corpus ticket and its reply: nothing runs, nothing leaves`, async () => {
      await page.goto(`${desk.origin}/projects/frontline/tickets/${tickets[kind]}`);
      const first = kind === 'html' ? 'CORPUS-HTML END' : 'CORPUS-TEXT END';
      const reply = kind === 'html' ? 'REPLY-TEXT END' : 'REPLY-HTML END';
      await page.getByText(first).first().waitFor();
      await page.getByText(reply).first().waitFor();
      assert.ok((await page.getByRole('article', { name: /^Email from/ }).count()) >= 2, 'the mail and its reply are messages of the thread');
      await assertNothingRanOrLeft(`the ${kind} corpus ticket`);
      // Folded quotes and details open; links are not followed, but opening every <details> must not run anything.
      for (const summary of await page.locator('summary').all()) await summary.click().catch(() => {});
      await assertNothingRanOrLeft(`the ${kind} corpus ticket with every fold opened`);
    });
  }

  it('renders each hostile mail in the mail viewer without running or loading anything', async () => {
    for (const id of inboundIds) {
      // The message as the viewer's iframe gets it, opened directly: its own CSP (sandbox) must hold alone.
      const response = await page.goto(`${desk.origin}/api/v1/inbound_messages/${id}/rendered`);
      assert.equal(response?.status(), 200, `the rendered message ${id} is served`);
      assert.match(response?.headers()['content-security-policy'] ?? '', /sandbox/, 'the rendered message is sandboxed');
      await assertNothingRanOrLeft(`the rendered inbound message ${id}`);
    }
    await page.goto(`${desk.origin}/admin/mail`);
    const received = page.getByRole('table', { name: 'Received mail' });
    for (const subject of [`HTML corpus ${SUBJECT_PAYLOAD}`, `Text corpus ${SUBJECT_PAYLOAD}`, 'Re: HTML corpus', 'Re: Text corpus']) {
      await received.getByRole('button', { name: subject, exact: true }).click();
      const viewer = page.getByRole('dialog');
      await viewer
        .getByTitle('Rendered message')
        .contentFrame()
        .getByText(/(CORPUS|REPLY)-(HTML|TEXT) END/)
        .waitFor();
      await assertNothingRanOrLeft(`the mail viewer of "${subject}"`);
      await viewer.getByRole('button', { name: 'Close' }).click();
      await viewer.waitFor({ state: 'hidden' });
    }
  });

  it('loads a message’s remote images only when the agent asks, and only its images', async () => {
    await page.goto(`${desk.origin}/projects/frontline/tickets/${tickets.images}`);
    await page.getByText('IMAGES-MESSAGE').first().waitFor();
    await assertNothingRanOrLeft('the newsletter before "Load remote images"');
    await page.getByRole('button', { name: 'Load remote images' }).first().click();
    const logo = page.getByRole('img', { name: 'logo' });
    await logo.waitFor();
    await page.waitForFunction(() =>
      [...(globalThis as unknown as { document: { images: Iterable<{ complete: boolean }> } }).document.images].every((image) => image.complete),
    );
    await page.waitForTimeout(500);
    assert.deepEqual(canaryTls.hits, ['/logo.png'], 'only the image was requested, once');
    assert.deepEqual(canary.hits, [], 'nothing went to the HTTP canary');
    assert.deepEqual(requests.foreign, [`${canaryTls.url}/logo.png`], 'the browser requested the image and nothing else outside the app');
    for (const frame of page.frames()) {
      const ran = await frame.evaluate(() => (globalThis as { __xss?: unknown }).__xss).catch(() => undefined);
      assert.equal(ran, undefined, 'no script ran after loading the images');
    }
    assert.deepEqual(dialogs, [], 'no dialog after loading the images');
  });
});
