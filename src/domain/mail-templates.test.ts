import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TEMPLATES, escapeMarkdown, renderTemplate, TEMPLATE_NAMES, type TemplateValues } from './mail-templates.ts';

const values: TemplateValues = {
  iid: 7,
  projectPath: 'acme/support',
  ticketUrl: 'http://desk.test/projects/acme%2Fsupport/tickets/7',
  description: 'The printer is on fire.',
  noteText: 'Try turning it off.',
  unsubscribeUrl: 'http://desk.test/-/unsubscribe/abc123',
  systemHeader: 'HEADER',
  systemFooter: 'FOOTER',
  additionalText: 'MORE',
};

describe('mail templates', () => {
  it('fills every SD-72 placeholder, tolerating spaces inside the braces', () => {
    const template = [
      '%{ISSUE_ID}',
      '%{ISSUE_PATH}',
      '%{ISSUE_URL}',
      '%{ISSUE_DESCRIPTION}',
      '%{NOTE_TEXT}',
      '%{UNSUBSCRIBE_URL}',
      '%{SYSTEM_HEADER}',
      '%{SYSTEM_FOOTER}',
      '%{ ADDITIONAL_TEXT }',
    ].join('\n');
    const { text } = renderTemplate('new_note', template, values);
    assert.equal(
      text,
      ['#7', 'acme/support#7', values.ticketUrl, 'The printer is on fire.', 'Try turning it off.', values.unsubscribeUrl, 'HEADER', 'FOOTER', 'MORE'].join(
        '\n',
      ),
    );
  });

  it('leaves unknown placeholders as typed', () => {
    const { text, markdown } = renderTemplate('thank_you', 'Hi %{CUSTOMER_NAME} %{issue_id} %{ISSUE_ID} %{UNSUBSCRIBE_URL}', values);
    assert.equal(text, `Hi %{CUSTOMER_NAME} %{issue_id} #7 ${values.unsubscribeUrl}`);
    assert.match(markdown, /^Hi %\{CUSTOMER_NAME\} %\{issue_id\} \\#7 /);
  });

  it('escapes plain values in the Markdown, and passes the description and the note on as the Markdown they are', () => {
    const hostile = { ...values, projectPath: 'a*b[c]', description: '**bold** <script>alert(1)</script>' };
    const { text, markdown } = renderTemplate('thank_you', '%{ISSUE_PATH} %{ISSUE_DESCRIPTION}', hostile);
    assert.ok(text.startsWith('a*b[c]#7 **bold** <script>'), 'the text part keeps values as written');
    assert.ok(markdown.startsWith(`${escapeMarkdown('a*b[c]#7')} **bold** <script>`), `plain values escaped, Markdown kept: ${markdown}`);
  });

  it('keeps our own URLs usable as link destinations, percent-encoding anything odd', () => {
    const odd = { ...values, ticketUrl: 'http://desk.test/p/a b)(*/tickets/7' };
    const { markdown } = renderTemplate('thank_you', '[ticket](%{ISSUE_URL}) %{UNSUBSCRIBE_URL}', odd);
    assert.equal(markdown, `[ticket](http://desk.test/p/a%20b%29%28%2A/tickets/7) ${values.unsubscribeUrl}`);
  });

  it('appends an unsubscribe line when a custom template leaves the link out (unlike GitLab, SD-73)', () => {
    const { text } = renderTemplate('thank_you', 'Thanks for %{ISSUE_ID}.', values);
    assert.equal(text, `Thanks for #7.\n\nTo stop receiving mail about this ticket, unsubscribe: ${values.unsubscribeUrl}`);
    const own = renderTemplate('thank_you', 'Thanks. Leave: %{ UNSUBSCRIBE_URL }', values);
    assert.equal(own.text, `Thanks. Leave: ${values.unsubscribeUrl}`);
  });

  it('uses the default for a missing or blank template, each with the ticket number and the unsubscribe link', () => {
    for (const name of TEMPLATE_NAMES) {
      for (const custom of [undefined, null, '', '  \n']) {
        const { text } = renderTemplate(name, custom, values);
        assert.ok(text.startsWith(DEFAULT_TEMPLATES[name].split('%{')[0]!), `${name} starts with the default text`);
        assert.match(text, /#7/);
        assert.ok(text.endsWith(values.unsubscribeUrl), `${name} ends with the unsubscribe link`);
      }
    }
    assert.match(renderTemplate('new_note', null, values).text, /Try turning it off\./);
  });
});
