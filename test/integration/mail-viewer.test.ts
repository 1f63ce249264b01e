// The mail viewer (GET /inbound_messages/:id/rendered, /outbound_messages/:id/rendered): a hostile HTML
// mail goes through the real ingest job, then its page must carry the sandboxing CSP and hold no script,
// no event handler, no form and no remote URL (remote images replaced by a placeholder), while the
// mail's own inline image stays as data: and every header is escaped.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import MailComposer from 'nodemailer/lib/mail-composer';
import { receiveInboundMessage } from '../../src/app/inbound/receive-inbound-message.ts';
import type { JobRow } from '../../src/db/schema/jobs.ts';
import type { ProjectRow } from '../../src/db/schema/projects.ts';
import { deliverJobHandler } from '../../src/mail/outbound/deliver-job.ts';
import { ingestJobHandler } from '../../src/mail/inbound/ingest-job.ts';
import { startTestApp, uniqueName, type TestApp, type TestUser } from '../helpers/test-app.ts';

const CUSTOMER = 'user@example.com';
const CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";
/** A 1×1 PNG. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const HOSTILE_HTML = `<html><head><base href="https://tracker.example/"><meta http-equiv="refresh" content="0;url=https://tracker.example/r">
<style>body{background:url(https://tracker.example/bg.png)}</style><script>fetch('https://tracker.example/s')</script></head>
<body onload="alert(1)"><p style="background-image:url(https://tracker.example/p.png);color:#c00">Hello <b>agent</b></p>
<img src="https://tracker.example/pixel.gif" alt="Our logo"><img src="cid:chart@customer.example" alt="chart">
<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">click</a><a href="https://link.example/faq">FAQ</a>
<form action="https://tracker.example/f"><input type="password" name="p"><button>Log in</button></form>
<iframe srcdoc="<script>alert(4)</script>"></iframe><svg><image href="https://tracker.example/svg.png"/></svg>
<table background="https://tracker.example/t.png"><tr><td>cell</td></tr></table></body></html>`;

async function mime(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

describe('mail viewer', () => {
  let t: TestApp;
  let maintainer: TestUser;
  let developer: TestUser;
  let project: ProjectRow;
  let desk: string;

  async function deliver(raw: Buffer): Promise<number> {
    const { id } = await receiveInboundMessage(t.ctx, { raw, channel: 'smtp', envelopeFrom: CUSTOMER, envelopeTo: [desk] });
    await ingestJobHandler(t.ctx).run({ inboundMessageId: id }, {} as JobRow);
    return id;
  }

  const page = (user: TestUser, url: string) => t.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${user.token}` } });

  before(async () => {
    t = await startTestApp();
    maintainer = await t.user();
    project = await t.project(maintainer);
    developer = await t.member(project, { level: 30 });
    desk = (await t.request(maintainer.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.service_desk_address;
  });
  after(() => t.close());

  it('shows hostile HTML mail sanitised, under the sandboxing CSP, with nothing remote in it', async () => {
    const id = await deliver(
      await mime({
        from: `"Eve <script>alert(5)</script>" <${CUSTOMER}>`,
        to: desk,
        cc: 'carol@customer.org',
        subject: 'Invoice <img src=x onerror=alert(6)>',
        messageId: `<${uniqueName('m')}@customer.example>`,
        html: HOSTILE_HTML,
        text: 'the text part',
        attachments: [
          { filename: 'chart.png', content: PIXEL, contentType: 'image/png', cid: 'chart@customer.example' },
          { filename: 'invoice.pdf', content: Buffer.from('%PDF-1.4'), contentType: 'application/pdf' },
        ],
      }),
    );
    const response = await page(maintainer, `/api/v1/inbound_messages/${id}/rendered`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(response.headers['content-security-policy'], CSP);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
    const html = response.body;
    assert.ok(!html.includes('tracker.example'), `a remote URL is in the page: ${html}`);
    assert.ok(!/<(script|iframe|form|input|button|base|svg|object|embed|link)\b/i.test(html), `a forbidden element: ${html}`);
    assert.ok(!/<meta http-equiv/i.test(html), 'no meta refresh');
    assert.ok(!/<[^>]*\son[a-z]+\s*=/i.test(html), `an event handler in a tag: ${html}`);
    assert.ok(!/javascript:/i.test(html), 'no javascript: URL');
    assert.match(html, /<span class="remote-image">\[image not loaded: Our logo\]<\/span>/);
    assert.match(html, /<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="chart" \/>/, 'the inline image, as data:');
    assert.match(html, /<a href="https:\/\/link\.example\/faq" target="_blank" rel="noopener noreferrer">FAQ<\/a>/);
    assert.match(html, /<p style="color:#c00">Hello <b>agent<\/b><\/p>/);
    // Headers are text: escaped, whatever they hold.
    assert.match(html, /<th scope="row">From<\/th><td>&quot;Eve &lt;script&gt;alert\(5\)&lt;\/script&gt;&quot; &lt;user@example.com&gt;<\/td>/);
    assert.match(html, /<th scope="row">Subject<\/th><td>Invoice &lt;img src=x onerror=alert\(6\)&gt;<\/td>/);
    assert.match(html, /<th scope="row">Cc<\/th><td>carol@customer.org<\/td>/);
    assert.match(html, /<th scope="row">Date<\/th><td>[^<]+<\/td>/);
    assert.match(html, /invoice\.pdf \(application\/pdf, 8 B\)/, 'the attachment is named');
  });

  it('shows a text-only mail escaped in a <pre>', async () => {
    const id = await deliver(
      await mime({
        from: CUSTOMER,
        to: desk,
        subject: 'Plain',
        messageId: `<${uniqueName('m')}@customer.example>`,
        text: 'Use <b>bold</b> & <script>x</script>',
      }),
    );
    const response = await page(maintainer, `/api/v1/inbound_messages/${id}/rendered`);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<pre>Use &lt;b&gt;bold&lt;\/b&gt; &amp; &lt;script&gt;x&lt;\/script&gt;\n?<\/pre>/);
  });

  it('shows mail Postdesk kept (no relay) the same way, and hides it from whoever may not read the raw message', async () => {
    await deliver(await mime({ from: CUSTOMER, to: desk, subject: 'Kept', messageId: `<${uniqueName('m')}@customer.example>`, text: 'Hi' }));
    const out = await t.ctx.db.db.selectFrom('outbound_messages').select('id').where('kind', '=', 'thank_you').executeTakeFirstOrThrow();
    await deliverJobHandler(t.ctx).run({ outboundMessageId: out.id }, {} as JobRow);
    const response = await page(maintainer, `/api/v1/outbound_messages/${out.id}/rendered`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-security-policy'], CSP);
    assert.match(response.body, new RegExp(`<th scope="row">To</th><td>${CUSTOMER}</td>`));
    assert.match(response.body, /<main>\s*<p>Thank you/, 'the HTML part of the thank-you');
    assert.equal((await page(developer, `/api/v1/outbound_messages/${out.id}/rendered`)).statusCode, 404);
  });
});
