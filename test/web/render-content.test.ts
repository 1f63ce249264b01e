// The web app's one rendering path for customer content (web/src/lib/render/render-content.ts), run in a
// real chromium: DOMPurify needs a real DOM, and "nothing remote is requested" can only be seen by a
// browser. The module is bundled as it is shipped, loaded into a page at a fake origin, fed hostile
// inputs; then we assert on the HTML it returns AND on what the page did once that HTML was in the DOM
// (no script ran, no request left the origin).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { build } from 'vite';
import type { BrowserContext, Page } from 'playwright-core';
import { type Browser, browserSkip, launchBrowser } from '../helpers/browser.ts';

const ORIGIN = 'http://postdesk.test';
const skip = browserSkip('render-content.test.ts');

type Rendered = { html: string; blockedRemote: number };
type Element = { tag: string; attrs: Record<string, string> };

describe('renderContent in chromium', { skip }, () => {
  let context: BrowserContext;
  let page: Page;
  let browser: Browser;
  const requests: string[] = [];

  before(async () => {
    // Bundled by Vite (a declared dependency) exactly as the app ships it, as one script for the page.
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        lib: { entry: new URL('../../web/src/lib/render/render-content.ts', import.meta.url).pathname, formats: ['iife'], name: 'PostdeskRender' },
      },
    });
    const bundles = (Array.isArray(output) ? output : [output]) as Array<{ output: Array<{ type: string; code?: string }> }>;
    const script = bundles[0]!.output.find((chunk) => chunk.type === 'chunk')!.code!;
    browser = await launchBrowser();
    context = browser.context;
    // Every request the page makes is recorded and answered locally; nothing leaves the machine.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      if (url === `${ORIGIN}/`)
        return route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><body><div id="out"></div><script>${script}</script></body></html>` });
      if (url === `${ORIGIN}/favicon.ico`) return route.fulfill({ status: 204 });
      return route.fulfill({ status: 404, body: '' });
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${ORIGIN}/`);
    await page.evaluate(() => {
      (globalThis as any).__ran = [];
    });
    requests.length = 0;
  });

  after(async () => {
    await browser?.close();
  });

  /** Renders in the page, puts the result into the DOM, waits a moment for anything it might fetch or run. */
  async function render(source: string, allowRemote = false): Promise<Rendered & { ran: unknown[]; elements: Element[] }> {
    const result = await page.evaluate(
      ({ source, allowRemote }) => {
        const { html, blockedRemote } = (globalThis as any).PostdeskRender.renderContent(source, { allowRemote });
        const out = (globalThis as any).document.getElementById('out');
        out.innerHTML = html.__html;
        const elements = [...out.querySelectorAll('*')].map((el: any) => ({
          tag: el.tagName.toLowerCase(),
          attrs: Object.fromEntries([...el.attributes].map((a: any) => [a.name.toLowerCase(), a.value])),
        }));
        return { html: html.__html as string, blockedRemote: blockedRemote as number, elements };
      },
      { source, allowRemote },
    );
    await page.waitForTimeout(50);
    const ran = await page.evaluate(() => (globalThis as any).__ran as unknown[]);
    return { ...result, ran };
  }

  const HOSTILE = [
    '<script>window.__ran.push("script")</script>',
    '<img src=x onerror="window.__ran.push(\'onerror\')">',
    '[click](javascript:window.__ran.push("js-link"))',
    '[click](JaVaScRiPt&colon;alert(1))',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![x](javascript:alert(1))',
    '<svg onload="window.__ran.push(\'svg\')"><script>window.__ran.push(1)</script></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__ran.push(\'mxss\')">',
    '<iframe srcdoc="<script>parent.__ran.push(1)</script>"></iframe>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<a href="https://evil.example" style="position:fixed;inset:0">overlay</a>',
    '<div style="background:url(https://evil.example/bg.png)">bg</div>',
    '<form action="https://evil.example"><input name=a></form>',
    '&lt;script&gt;window.__ran.push("entity")&lt;/script&gt;',
    '<details open ontoggle="window.__ran.push(\'toggle\')"><summary>x</summary>y</details>',
    '<details><summary><img src=x onerror="window.__ran.push(\'summary\')"></summary>\n\n<script>window.__ran.push("inner")</script>\n\n</details>',
    '<details><summary>q</summary>\n\n<a href="javascript:window.__ran.push(1)">x</a> ![t](https://tracker.example/p.gif)\n\n</details>',
  ];

  for (const payload of HOSTILE) {
    it(`neutralises ${JSON.stringify(payload).slice(0, 70)}`, async () => {
      const { html, ran, elements } = await render(payload);
      assert.deepEqual(ran, [], `a script ran for ${payload}: ${html}`);
      const allowedTags = new Set(['p', 'a', 'br', 'img', 'span', 'details', 'summary', 'strong', 'em', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li']);
      for (const { tag, attrs } of elements) {
        assert.ok(allowedTags.has(tag), `a <${tag}> element reached the DOM for ${payload}: ${html}`);
        for (const [name, value] of Object.entries(attrs)) {
          assert.ok(['href', 'src', 'alt', 'title', 'target', 'rel', 'class'].includes(name), `attribute ${name} reached the DOM: ${html}`);
          if (name === 'href') assert.match(value, /^(https?:|mailto:)/i, `a link to ${value} reached the DOM: ${html}`);
          if (name === 'src') assert.ok(value.startsWith(`${ORIGIN}/`) || value.startsWith('data:image/'), `an image from ${value} reached the DOM: ${html}`);
        }
      }
      assert.deepEqual(
        requests.filter((url) => !url.startsWith(ORIGIN)),
        [],
        `the page requested something outside the origin for ${payload}`,
      );
    });
  }

  it('keeps remote images out of the DOM until allowed, then loads them without a referrer', async () => {
    requests.length = 0;
    const source = 'Hi ![logo](https://tracker.example/pixel.gif?u=1) and ![ok](http://postdesk.test/api/v1/attachments/7)';
    const blocked = await render(source);
    assert.equal(blocked.blockedRemote, 1, `one remote image should be counted: ${blocked.html}`);
    assert.doesNotMatch(blocked.html, /tracker\.example/, `the remote URL reached the HTML: ${blocked.html}`);
    assert.match(blocked.html, /src="http:\/\/postdesk\.test\/api\/v1\/attachments\/7"/, `the same-origin image should stay: ${blocked.html}`);
    assert.match(blocked.html, /class="remote-image-blocked"/, `a stand-in should show where the image was: ${blocked.html}`);
    assert.deepEqual(
      requests.filter((url) => url.includes('tracker.example')),
      [],
      'the tracker was requested before the agent allowed it',
    );
    const allowed = await render(source, true);
    assert.equal(allowed.blockedRemote, 0, 'nothing is blocked once allowed');
    assert.match(allowed.html, /<img [^>]*src="https:\/\/tracker\.example\/pixel\.gif\?u=1"/, `the remote image should be there once allowed: ${allowed.html}`);
    assert.match(allowed.html, /referrerpolicy="no-referrer"/, `remote images load without a referrer: ${allowed.html}`);
  });

  it('makes links open in a new tab without opener or referrer, and keeps only http, https and mailto', async () => {
    const { html } = await render('[a](https://example.com/x) <mailto:help@example.com> www.example.org [f](ftp://example.com/)');
    assert.match(html, /<a href="https:\/\/example\.com\/x" target="_blank" rel="noopener noreferrer">a<\/a>/, `https link: ${html}`);
    assert.match(html, /href="mailto:help@example\.com"/, `mailto link: ${html}`);
    assert.match(html, /href="http:\/\/www\.example\.org"/, `linkified: ${html}`);
    assert.doesNotMatch(html, /ftp:/, `an ftp link survived: ${html}`);
  });

  it('folds the trimmed quote into a real <details>, its inside rendered as Markdown', async () => {
    const body = 'Thanks, that **worked**.\n\n<details><summary>…</summary>\n\n> On Monday you wrote:\n> the *fix*\n\n</details>';
    const { html } = await render(body);
    assert.match(html, /<p>Thanks, that <strong>worked<\/strong>\.<\/p>/, `the body: ${html}`);
    assert.match(
      html,
      /<details><summary>…<\/summary><blockquote>\s*<p>On Monday you wrote:<br>\s*the <em>fix<\/em><\/p>\s*<\/blockquote>\s*<\/details>/,
      `the folded quote: ${html}`,
    );
    const folded = await page.evaluate(() => (globalThis as any).document.querySelector('#out details')?.open as boolean | undefined);
    assert.equal(folded, false, 'the quote starts folded');
  });

  it('shows HTML-escaped summary text as text and an unbalanced <details> as text', async () => {
    const escaped = await render('<details><summary>&lt;b&gt;old&lt;/b&gt;</summary>\n\nx\n\n</details>');
    assert.match(escaped.html, /<summary>&lt;b&gt;old&lt;\/b&gt;<\/summary>/, `summary stays text: ${escaped.html}`);
    const unbalanced = await render('look: <details><summary>x</summary> no end');
    assert.doesNotMatch(unbalanced.html, /<details>/, `an unbalanced block must stay text: ${unbalanced.html}`);
    assert.match(unbalanced.html, /&lt;details&gt;/, `shown as text: ${unbalanced.html}`);
  });

  it('renders a plain-text mail as written: line breaks kept, HTML shown as text', async () => {
    const { html } = await render('Hello,\nmy <b>order</b> 42 is late.\n-- \nAnn');
    assert.match(html, /Hello,<br>\s*my &lt;b&gt;order&lt;\/b&gt; 42 is late\./, `plain text: ${html}`);
  });
});
