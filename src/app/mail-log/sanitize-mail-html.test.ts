import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeMailHtml } from './sanitize-mail-html.ts';

// Every way in this corpus to load something names the host tracker.example; links (which load nothing
// until clicked) go to link.example. After sanitising, tracker.example must be gone entirely.
const HOSTILE: Array<[string, string]> = [
  ['script tag', '<p>a</p><script>fetch("https://tracker.example/s")</script>'],
  ['event handler', '<img src="x" onerror="alert(1)"><p onclick="alert(2)">b</p><body onload="alert(3)">'],
  ['javascript: link', '<a href="javascript:alert(1)">j</a><a href="JaVaScRiPt&#58;alert(1)">k</a><a href="&#x6a;avascript:alert(1)">l</a>'],
  ['data: link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d</a>'],
  ['remote image', '<img src="https://tracker.example/pixel.gif" alt="logo">'],
  ['protocol-relative image', '<img src="//tracker.example/p.gif">'],
  ['srcset', '<img src="data:image/png;base64,iVBORw0KGgo=" srcset="https://tracker.example/2x.png 2x">'],
  ['picture source', '<picture><source srcset="https://tracker.example/a.webp"><img src="https://tracker.example/a.png"></picture>'],
  ['svg image', '<svg><image href="https://tracker.example/svg.png"/><use href="https://tracker.example/u.svg#x"/><script>alert(1)</script></svg>'],
  ['svg data image', '<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=">'],
  ['mathml', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">m</maction></math>'],
  ['style tag', '<style>@import url(https://tracker.example/s.css); body{background:url(https://tracker.example/bg.png)}</style><p>s</p>'],
  ['style attribute url', '<p style="background-image:url(https://tracker.example/bg.png);color:red">c</p>'],
  ['style attribute escaped url', '<p style="background:u\\72l(https://tracker.example/e.png)">e</p>'],
  ['style attribute expression', '<p style="width:expression(alert(1))">x</p>'],
  ['background attribute', '<table background="https://tracker.example/t.png"><tr><td background="https://tracker.example/td.png">t</td></tr></table>'],
  ['link stylesheet', '<link rel="stylesheet" href="https://tracker.example/l.css">'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://tracker.example/r">'],
  ['base href', '<base href="https://tracker.example/"><a href="x">rel</a>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>" src="https://tracker.example/f"></iframe>'],
  ['object and embed', '<object data="https://tracker.example/o.swf"></object><embed src="https://tracker.example/e.swf">'],
  [
    'form',
    '<form action="https://tracker.example/f"><input name="p" type="password"><input type="image" src="https://tracker.example/i.png"><button>Go</button></form>',
  ],
  [
    'video and audio',
    '<video poster="https://tracker.example/p.png" src="https://tracker.example/v.mp4"></video><audio src="https://tracker.example/a.mp3"></audio>',
  ],
  ['encoded entities', '&lt;script&gt;alert(1)&lt;/script&gt;<img src=&#104;ttps://tracker.example/ent.gif>'],
  ['unclosed and nested tricks', '<scr<script>ipt>alert(1)</scr</script>ipt><img src="https://tracker.example/n.gif"'],
];

describe('sanitizeMailHtml', () => {
  for (const [name, html] of HOSTILE) {
    it(`neutralises ${name}`, () => {
      const out = sanitizeMailHtml(html);
      assert.ok(!/tracker\.example/i.test(out), `a remote load survived: ${out}`);
      assert.ok(
        !/<(script|style|iframe|object|embed|form|input|button|link|meta|base|svg|math|video|audio|source)\b/i.test(out),
        `a forbidden element survived: ${out}`,
      );
      assert.ok(!/\son[a-z]+\s*=/i.test(out), `an event handler survived: ${out}`);
      assert.ok(!/(javascript|vbscript|data:text)/i.test(out.replace(/&lt;script&gt;/g, '')), `a script URL survived: ${out}`);
      assert.ok(!/srcdoc|srcset|background=|url\(|expression\(/i.test(out), `a loading attribute or style survived: ${out}`);
    });
  }

  it('keeps the formatting of ordinary mail, links with noopener, and a plain colour', () => {
    const out = sanitizeMailHtml('<div style="color:#333;font-size:14px"><p>Hello <b>there</b></p><a href="https://link.example/x">site</a></div>');
    assert.equal(
      out,
      '<div style="color:#333;font-size:14px"><p>Hello <b>there</b></p><a href="https://link.example/x" target="_blank" rel="noopener noreferrer">site</a></div>',
    );
  });

  it('keeps inline raster images (data:) and replaces the rest by a placeholder that says so', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    assert.equal(sanitizeMailHtml(`<img src="${png}" alt="chart">`), `<img src="${png}" alt="chart" />`);
    assert.equal(
      sanitizeMailHtml('<img src="https://tracker.example/a.png" alt="<b>x</b>">'),
      '<span class="remote-image">[image not loaded: &lt;b&gt;x&lt;/b&gt;]</span>',
    );
  });
});
