// A project's own thank-you template over real SMTP: the mail arrives rendered, as text and HTML, with
// this recipient's unsubscribe link, and nothing the customer wrote becomes markup in the HTML part.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

describe('mail templates end to end', () => {
  let desk: MailDesk;
  let agent: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk();
    agent = await desk.user();
    projectId = (await desk.project(agent, { path: 'acme-templates', name: 'Acme' })).id;
    address = (await desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
  });
  after(() => desk.close());

  it('sends a custom thank_you rendered, in a text and an HTML part, with no script and the unsubscribe link', async () => {
    const template = '## Thanks!\n\nWe got **%{ISSUE_PATH}** (%{ISSUE_ID}): [open it](%{ISSUE_URL})\n\n> %{ISSUE_DESCRIPTION}\n\n%{UNKNOWN}';
    assert.equal((await desk.request(agent.token, 'PUT', `/api/v1/projects/${projectId}/service_desk/templates/thank_you`, { content: template })).status, 200);
    const sent = await desk.send({
      from: 'mallory@customer.test',
      to: address,
      subject: 'Help <script>alert(1)</script>',
      text: 'Broken <script>alert(2)</script> [x](javascript:alert(3))',
    });
    assert.match(sent.response, /^250 /);
    await desk.settle();

    const [thanks] = await desk.sink.waitFor(1);
    const mail = thanks!.parsed;
    const raw = thanks!.raw.toString();
    assert.match(raw, /Content-Type: multipart\/alternative/i);
    assert.match(raw, /Content-Type: text\/plain/i);
    assert.match(raw, /Content-Type: text\/html/i);
    const key = /\/-\/unsubscribe\/([0-9a-f]{32})>/.exec(raw.replace(/\r\n[ \t]+/g, ' '))?.[1];
    assert.ok(key, 'List-Unsubscribe carries the key');
    const unsubscribe = `http://desk.test/-/unsubscribe/${key}`;
    const ticketUrl = 'http://desk.test/projects/acme-templates/tickets/1';

    const text = mail.text ?? '';
    assert.ok(text.startsWith(`## Thanks!\n\nWe got **acme-templates#1** (#1): [open it](${ticketUrl})`), text);
    assert.ok(text.includes('%{UNKNOWN}'), 'an unknown placeholder stays as typed');
    assert.ok(text.includes(unsubscribe), 'the text part has the unsubscribe link (appended: the template has none)');

    const html = typeof mail.html === 'string' ? mail.html : '';
    assert.ok(html.includes('<h2>Thanks!</h2>'), html);
    assert.ok(html.includes(`<strong>acme-templates#1</strong> (#1): <a href="${ticketUrl}">open it</a>`), html);
    assert.ok(!/<script/i.test(html), `no script in the HTML: ${html}`);
    assert.ok(!/href="(?!https?:|mailto:)/i.test(html), `only http(s) and mailto links: ${html}`);
    assert.ok(html.includes('Broken &lt;script&gt;alert(2)&lt;/script&gt;'), html);
    assert.ok(html.includes(`href="${unsubscribe}"`), 'the HTML links the same unsubscribe URL');
  });

  it('sends the default when the template is reset, still with both parts', async () => {
    await desk.request(agent.token, 'PUT', `/api/v1/projects/${projectId}/service_desk/templates/thank_you`, { content: null });
    const before = desk.sink.mails.length;
    await desk.send({ from: 'carol@customer.test', to: address, subject: 'Printer', text: 'It is jammed.' });
    await desk.settle();
    const mail = (await desk.sink.waitFor(before + 1))[before]!.parsed;
    assert.match(mail.text ?? '', /^Thank you for your support request! We are tracking your request as ticket #2/);
    assert.match(typeof mail.html === 'string' ? mail.html : '', /<p>Thank you for your support request!/);
  });
});
