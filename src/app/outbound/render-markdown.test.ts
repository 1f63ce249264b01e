import assert from 'node:assert/strict';
import { it } from 'node:test';
import { renderMarkdown } from './render-markdown.ts';

it('shows raw HTML as text', () => {
  const html = renderMarkdown('Hi <script>alert(1)</script> <img src=x onerror=alert(1)>');
  assert.ok(!html.includes('<script') && !html.includes('<img'), html);
  assert.ok(html.includes('&lt;script&gt;'), html);
});

it('links only to http, https and mailto', () => {
  const html = renderMarkdown(
    '[a](https://ok.test) [b](mailto:x@ok.test) [c](javascript:alert(1)) [d](ftp://f.test) [e](/relative) ![i](data:image/png;base64,AAAA)',
  );
  assert.equal((html.match(/<a /g) ?? []).length, 2, html);
  assert.ok(!/href="(?!https?:|mailto:)|<img/.test(html), html);
});

it('makes spelled-out http URLs links and keeps line breaks', () => {
  assert.equal(renderMarkdown('one\ntwo http://desk.test/x_y'), '<p>one<br>\ntwo <a href="http://desk.test/x_y">http://desk.test/x_y</a></p>\n');
});

it('renders an agent’s formatting, and no image, not even a remote one (tracking pixels)', () => {
  const html = renderMarkdown('**Fixed** in *v2*\n\n![pixel](http://tracker.test/p.gif)');
  assert.ok(html.includes('<strong>Fixed</strong>') && html.includes('<em>v2</em>'), html);
  assert.ok(!html.includes('<img'), html);
});
