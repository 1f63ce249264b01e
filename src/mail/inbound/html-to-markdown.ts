// HTML → Markdown for incoming mail that has only an HTML body (SD-44, SD-48).
//
// Two stages, in this order on purpose:
//   1. sanitize-html strips the untrusted HTML down to a small set of harmless tags, drops the
//      content of script-like and form-like elements, and keeps only href/src/alt with safe schemes.
//      Turndown on its own is not a sanitiser: it happily emits [x](javascript:…) links.
//   2. turndown turns what is left into Markdown, with rules overridden where GitLab's rules
//      (SD-48) differ from turndown's defaults, or where turndown's defaults are unsafe or slow.
// The output is only ever Markdown text plus our own <details>/<summary> tags: text is escaped so
// that nothing in the mail can become live HTML, a link or an image when the Markdown is rendered.
//
// Bounded time matters as much as safety (mail is attacker-controlled, and a 2 MB HTML body is
// ordinary). Several turndown internals are quadratic on long runs of whitespace (its final trim is
// /[\t\r\n\s]+$/, its inline-code rule uses /^ .*?[^ ].* $/, its list numbering is an indexOf per
// item), htmlparser2 is quadratic in nesting depth, and turndown's work grows with depth times
// size. Hence: our own code, list and table rules, long whitespace runs parked behind placeholders
// until the end, a nesting limit, caps on list and quote depth, and budgets past which the mail is
// converted as plain text instead of as a tree (see MAX_PARSER_DEPTH).
import { createRequire } from 'node:module';
import type SanitizeHtml from 'sanitize-html';
import type Turndown from 'turndown';

/**
 * sanitize-html (with htmlparser2 and postcss) and turndown load on the first HTML mail: a parsing worker
 * that reads only plain text never holds them (~10 MB per worker thread; issue 10's memory figures).
 */
let libraries: { sanitizeHtml: typeof SanitizeHtml; TurndownService: typeof Turndown } | undefined;
function htmlLibraries() {
  const load = createRequire(import.meta.url);
  libraries ??= { sanitizeHtml: load('sanitize-html') as typeof SanitizeHtml, TurndownService: load('turndown') as typeof Turndown };
  return libraries;
}

/** The few DOM members our rules read. tsconfig has no DOM lib, so turndown's own node type is opaque here. */
interface DomNode {
  nodeName: string;
  nodeType: number;
  textContent: string | null;
  parentNode: DomNode | null;
  previousSibling: DomNode | null;
  nextSibling: DomNode | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute(name: string): string | null;
}

// Elements nested deeper than this lose their markup: line-level ones become a line break, the
// rest are unwrapped (their text kept). Turndown recurses once per level and re-reads the whole
// subtree's text at every level, so depth multiplies the cost of large bodies. The corpus nests
// at most 12 deep; each quoted reply adds about 3 (Gmail) so long threads still fit.
const NESTING_LIMIT = 40;
// Beyond these depths nested lists stop indenting and nested quotes stop adding "> ". Each level
// rewrites every line of its content, and deep indentation makes long whitespace runs.
const MAX_LIST_DEPTH = 8;
const MAX_QUOTE_DEPTH = 10;
// Runs of this many spaces/tabs or more are swapped for placeholders while turndown runs (see top).
const LONG_RUN = /[ \t]{16,}/g;
// Unicode noncharacters: never valid in interchanged text, so safe as placeholder delimiters.
// They are removed from the input first so a mail cannot forge a placeholder.
const PARK_OPEN = '\uFDD0';
const PARK_CLOSE = '\uFDD1';
const PARKED = /\uFDD0([0-9a-z]+)\uFDD1/g;

const ALLOWED_TAGS = [
  'p',
  'div',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'code',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'details',
  'summary',
  // Kept because turndown treats them as blocks: unwrapping them would glue their text to the
  // neighbouring text ("text<center>x</center>more" → "textxmore").
  'center',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'address',
  'figure',
  'figcaption',
  'a',
  'img',
  'em',
  'i',
  'strong',
  'b',
  'del',
];

// Elements whose text must not appear at all: code, styling, metadata, embedded documents, form
// controls, and foreign content (svg/math are where most mutation-XSS tricks live). Every other
// disallowed tag is unwrapped and its text kept (span, font, o:p, u, …).
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'head',
  'title',
  'iframe',
  'frame',
  'frameset',
  'noframes',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'datalist',
  'svg',
  'math',
  'template',
  'xml',
  'xmp',
  'noembed',
  'canvas',
  'audio',
  'video',
];

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
const WEB_SCHEMES = new Set(['http:', 'https:']);
// Raster formats only: an SVG image is a document that can carry script.
const DATA_IMAGE = /^data:image\/(png|gif|jpe?g|pjpeg|webp|bmp|avif|apng)((?:;[\w.-]+=[\w.%-]*)*);base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Sanitises untrusted mail HTML, then converts it to Markdown following GitLab's rules (SD-48). Never returns anything that can run script or load remote content when rendered. */
export function htmlToMarkdown(html: string): string {
  if (typeof html !== 'string' || html === '') return '';
  // C0 controls are invalid in HTML text and Markdown renderers mangle them; our placeholder
  // delimiters must not come from the mail.
  const input = html.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\uFDD0\uFDD1]/g, '');
  let clean: string;
  try {
    clean = sanitize(input);
  } catch (error) {
    if (error !== TOO_COMPLEX) throw error;
    return textFallback(input);
  }
  if (clean.trim() === '') return '';
  const parked: string[] = [];
  const park = (s: string): string =>
    s.replace(LONG_RUN, (run) => {
      parked.push(run);
      return PARK_OPEN + (parked.length - 1).toString(36) + PARK_CLOSE;
    });
  const markdown = createConverter(park).turndown(clean);
  return tidy(markdown.replace(PARKED, (_m, id: string) => parked[parseInt(id, 36)] ?? ''));
}

// Limits past which the markup is not worth converting as a tree; the mail is then converted as
// text by textFallback(). Real mail is far below them (measured on 2 MB bodies made of corpus
// mails: 20-45k elements, 2-4 M units of work, depth under 15).
// - Depth: htmlparser2 (inside sanitize-html) keeps its open-element stack with unshift/indexOf,
//   so each tag costs time proportional to the elements open at that point; 300k unclosed <div>s
//   take minutes. sanitize-html's nestingLimit does not help, as it applies after the parser.
// - Elements: domino and turndown cost roughly 10 µs per node, mostly garbage collection.
// - Work: turndown re-reads the text of every subtree at every level (textContent for each
//   element), so it does about (characters × depth) work; 2 MB of text 40 levels deep takes
//   seconds. An element counts as ELEMENT_WORK characters.
const MAX_PARSER_DEPTH = 1000;
const MAX_ELEMENTS = 100_000;
const MAX_WORK = 40_000_000;
const ELEMENT_WORK = 20;
const TOO_COMPLEX = new Error('HTML too deeply nested or too large to convert as a tree');

function sanitize(html: string): string {
  let depth = 0;
  let elements = 0;
  let work = 0;
  const spend = (units: number): void => {
    work += units * Math.min(depth, NESTING_LIMIT);
    if (work > MAX_WORK) throw TOO_COMPLEX;
  };
  return htmlLibraries().sanitizeHtml(html, {
    ...SANITIZE_OPTIONS,
    // Called for every element the parser pushes or pops, implied ones included (void elements:
    // both), so `depth` is the parser's stack size. Throwing aborts the parse.
    onOpenTag: () => {
      if (++depth > MAX_PARSER_DEPTH || ++elements > MAX_ELEMENTS) throw TOO_COMPLEX;
      spend(ELEMENT_WORK);
    },
    onCloseTag: () => {
      depth--;
    },
    textFilter: (text, tagName) => {
      spend(text.length);
      return SANITIZE_OPTIONS.textFilter!(text, tagName);
    },
    // sanitize-html's own nestingLimit unwraps deep tags, gluing the text of deep paragraphs
    // together; this keeps their line breaks. Script-like tags keep their name, so that their
    // content is still dropped.
    transformTags: {
      ...SANITIZE_OPTIONS.transformTags,
      '*': (tagName, attribs) => {
        if (depth <= NESTING_LIMIT || DROPPED_WITH_CONTENT.includes(tagName)) return { tagName, attribs };
        return { tagName: LINE_TAGS.has(tagName) || CELL_TAGS.has(tagName) ? 'br' : 'x-too-deep', attribs: {} };
      },
    },
  });
}

/**
 * The conversion for markup too deep or too large for the tree path: plain text, one line per
 * line-level element, tab-separated table cells, everything escaped. Linear string work only.
 */
function textFallback(html: string): string {
  const decoded = htmlLibraries()
    .sanitizeHtml(flatten(html), { allowedTags: [], allowedAttributes: {}, textFilter: SANITIZE_OPTIONS.textFilter! })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  const lines = decoded.split(LINE_MARK).map((line) =>
    line
      .split(CELL_MARK)
      .map((cell) => {
        const text = cell.replace(/\s+/g, ' ').trim();
        return text === '' ? '' : escapeText(text);
      })
      .join('\t')
      .trim(),
  );
  return tidy(lines.join('\n'));
}

// flatten() marks line and cell boundaries with noncharacters (stripped from the input beforehand).
const LINE_MARK = '\uFDD0';
const CELL_MARK = '\uFDD1';
const LINE_TAGS = new Set([
  'p',
  'div',
  'br',
  'hr',
  'tr',
  'li',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'dl',
  'center',
  'section',
  'article',
  'header',
  'footer',
  'address',
  'caption',
  'details',
  'summary',
]);
const CELL_TAGS = new Set(['td', 'th']);
// Elements whose content flatten() cuts, up to the first matching end tag (approximate, as
// nesting is not tracked; sanitising afterwards is what keeps the result safe).
const FLATTEN_DROPPED = /<(script|style|head|title|textarea|xmp|iframe|object|svg|math|template|select|noembed|noframes)\b/g;

/**
 * A crude, linear tag stripper: comments and script-like elements are cut, line-level and cell
 * tags become marks, other tags vanish, and any other "<" is escaped so no markup is left.
 */
function flatten(html: string): string {
  // ASCII-only lowering keeps indices aligned with `html` (toLowerCase can change the length).
  const lower = html.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  let text = '';
  let i = 0;
  // Next comment and next dropped element at or after i, searched again only once passed, so the
  // whole scan stays linear.
  let comment = -2;
  let dropped: RegExpExecArray | null | undefined;
  while (i < html.length) {
    if (comment !== -1 && comment < i) comment = lower.indexOf('<!--', i);
    if (dropped === undefined || (dropped !== null && dropped.index < i)) {
      FLATTEN_DROPPED.lastIndex = i;
      dropped = FLATTEN_DROPPED.exec(lower);
    }
    const next = Math.min(comment < 0 ? Infinity : comment, dropped ? dropped.index : Infinity);
    if (next === Infinity) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, next);
    if (next === comment) {
      const end = lower.indexOf('-->', comment + 4);
      i = end < 0 ? html.length : end + 3;
    } else {
      const end = lower.indexOf('</' + dropped![1]!, next + 1);
      if (end < 0) break; // unclosed: like a browser, the rest is inside it
      const gt = lower.indexOf('>', end);
      i = gt < 0 ? html.length : gt + 1;
    }
  }
  return text
    .replace(/<(\/?)([a-zA-Z][^\s/<>]*)[^<>]*>/g, (_tag, slash: string, name: string) => {
      const tag = name.toLowerCase();
      if (LINE_TAGS.has(tag)) return LINE_MARK;
      return CELL_TAGS.has(tag) && slash === '' ? CELL_MARK : ''; // one tab between cells, not two
    })
    .replace(/</g, '&lt;');
}

const SANITIZE_OPTIONS: SanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href'], img: ['src', 'alt'] },
  // The transforms below already reduced href/src to vetted absolute URLs; these lists are a
  // second lock on the same door.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  transformTags: {
    a: (tagName, attribs) => {
      const out: SanitizeHtml.Attributes = {};
      const href = safeHref(attribs.href);
      // An <a> left without href is unwrapped by the link rule (Outlook's <a name=…> anchors).
      if (href !== null) out.href = href;
      return { tagName, attribs: out };
    },
    img: (tagName, attribs) => {
      const out: SanitizeHtml.Attributes = {};
      const src = safeImageSrc(attribs.src);
      if (src !== null) out.src = src;
      if (attribs.alt) out.alt = attribs.alt;
      return { tagName, attribs: out };
    },
    // Same Markdown meaning, fewer rules to get right.
    tt: 'code',
    kbd: 'code',
    samp: 'code',
    s: 'del',
    strike: 'del',
  },
  // Non-ASCII whitespace (mostly &nbsp;, which Outlook uses for empty paragraphs and indentation)
  // becomes a plain space so turndown's whitespace collapsing applies to it. Otherwise it survives
  // as long runs that turndown's final trim handles in quadratic time, and as lines of invisible
  // characters that "trim trailing spaces" would not see as blank.
  textFilter: (text) => text.replace(/[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g, ' '),
};

/** An absolute http(s)/mailto URL, normalised by the WHATWG parser (which also defeats "java\tscript:"), or null. */
function safeHref(raw: string | null | undefined): string | null {
  return safeUrl(raw, LINK_SCHEMES);
}

/** http(s), cid: (rewritten to stored attachments by a later stage), or a base64 raster data: URL; else null. */
function safeImageSrc(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const value = raw.trim();
  const data = DATA_IMAGE.exec(value);
  if (data) {
    const payload = value.slice(data[0].length).replace(/\s+/g, '');
    return BASE64.test(payload) ? data[0].replace(/\s+/g, '') + payload : null;
  }
  if (/^cid:/i.test(value)) return value.length > 4 ? markdownSafeUrl('cid:' + value.slice(4)) : null;
  return safeUrl(value, WEB_SCHEMES);
}

function safeUrl(raw: string | null | undefined, schemes: Set<string>): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null; // relative or garbage: nothing sensible to link to from a ticket
  }
  if (!schemes.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  // Keep the sender's spelling when it literally starts with the checked scheme (so "http://img.png"
  // does not gain a slash); otherwise emit the parser's normal form, which always does.
  const trimmed = raw.trim();
  const literal = url.protocol === 'mailto:' ? /^mailto:/i : /^https?:\/\//i;
  return markdownSafeUrl(literal.test(trimmed) ? trimmed : url.href);
}

/** Percent-encodes what would end or confuse a Markdown link destination (spaces, <, >, parentheses, backslashes). */
function markdownSafeUrl(url: string): string {
  return url.replace(/[\s<>()\\"'`]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/**
 * Turndown's Markdown escaping, same rules, in one pass: turndown runs 13 regular expressions over
 * every text node, which dominates the time of punctuation-heavy or line-heavy bodies.
 */
function escapeMarkdown(text: string): string {
  const out = text.replace(/[\\*`[\]_]/g, '\\$&');
  // Block syntax that only counts at the start of a line (turndown checks the text node's start).
  switch (out.charAt(0)) {
    case '-':
    case '>':
    case '=':
      return '\\' + out;
    case '+':
      return out.startsWith('+ ') ? '\\' + out : out;
    case '#':
      return /^#{1,6} /.test(out) ? '\\' + out : out;
    case '~':
      return out.startsWith('~~~') ? '\\' + out : out;
    default:
      return out.replace(/^(\d+)\. /, '$1\\. ');
  }
}

/** Text as Markdown that renders as exactly that text, and never as HTML. */
function escapeText(text: string): string {
  return escapeMarkdown(escapeHtmlText(text));
}

/** Makes text inert as HTML: a mail saying "&lt;script&gt;" must show that, not run it. Entity-like text is kept literal too. */
function escapeHtmlText(text: string): string {
  return text
    .replace(/&(?=#?[a-z0-9]{1,32};)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Full escaping, for text we place inside raw HTML (the summary line). */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function trimNewlines(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === '\n') start++;
  while (end > start && s[end - 1] === '\n') end--;
  return s.slice(start, end);
}

function countAncestors(node: DomNode, nodeName: string): number {
  let n = 0;
  for (let p = node.parentNode; p; p = p.parentNode) if (p.nodeName === nodeName) n++;
  return n;
}

/** Longest run of `ch` in `s`, by a linear scan. */
function longestRun(s: string, ch: string): number {
  let best = 0;
  let cur = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ch) best = Math.max(best, ++cur);
    else cur = 0;
  }
  return best;
}

function createConverter(park: (s: string) => string): Turndown {
  const service = new (htmlLibraries().TurndownService)({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
  });
  // Turndown escapes Markdown syntax in text; we also neutralise HTML so that no text can become
  // a tag, an autolink or an entity when rendered.
  service.escape = escapeText;

  // Ordered-list numbers, computed once per list: turndown's own rule does an indexOf over the
  // siblings for every item, which is quadratic on a long list. A Map, not a WeakMap: it dies
  // with the converter anyway, and large WeakMaps are slow to garbage-collect.
  const itemNumbers = new Map<DomNode, number>();
  const numberOf = (item: DomNode, list: DomNode): number => {
    if (!itemNumbers.has(item)) {
      let n = 0;
      const children = list.childNodes;
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        if (child.nodeName === 'LI') itemNumbers.set(child, ++n);
      }
    }
    return itemNumbers.get(item) ?? 1;
  };

  // Rules added later take precedence over earlier ones and over turndown's defaults.
  service.addRule('lineBreak', {
    filter: 'br',
    // A plain newline, not Markdown's two-space hard break: trailing spaces are trimmed anyway, and
    // the reply trimmer matches lines such as "On … wrote:" exactly. Turndown merges adjacent
    // newline-only outputs, so a second <br> in a row asks for two to keep the blank line.
    replacement: (_content, node) => {
      const prev = (node as unknown as DomNode).previousSibling;
      return prev && prev.nodeName === 'BR' ? '\n\n' : '\n';
    },
  });

  service.addRule('link', {
    filter: 'a',
    replacement: (content, node) => {
      const href = safeHref((node as unknown as DomNode).getAttribute('href'));
      if (href === null) return content; // <a name=…> and links whose URL was refused: unwrapped
      // Block content inside a link (common in newsletters) would break the [..](..) syntax.
      const text = content
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .join(' ');
      return text === '' ? '' : `[${text}](${href})`;
    },
  });

  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const el = node as unknown as DomNode;
      const alt = escapeText((el.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim());
      const src = safeImageSrc(el.getAttribute('src'));
      return src === null ? alt : `![${alt}](${src})`;
    },
  });

  service.addRule('strikethrough', {
    filter: 'del',
    replacement: (content) => (content.trim() === '' ? content : `~~${content}~~`),
  });

  service.addRule('inlineCode', {
    filter: 'code',
    replacement: (_content, node) => {
      const text = ((node as unknown as DomNode).textContent ?? '').replace(/\s+/g, ' ');
      if (text.trim() === '') return '';
      const fence = '`'.repeat(longestRun(text, '`') + 1);
      // CommonMark strips one space from each side when both are present, and needs a space next to a backtick.
      const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
      return fence + pad + park(text) + pad + fence;
    },
  });

  service.addRule('preformatted', {
    filter: 'pre',
    replacement: (_content, node) => {
      // Blank-line runs are collapsed here already, as the final pass would do, so the block
      // contains no long whitespace runs once long space runs are parked.
      const lines: string[] = [];
      let pendingBlank = false;
      for (const raw of ((node as unknown as DomNode).textContent ?? '').split(/\r\n?|\n/)) {
        const line = raw.trimEnd();
        if (line === '') {
          pendingBlank = lines.length > 0;
          continue;
        }
        if (pendingBlank) lines.push('');
        pendingBlank = false;
        lines.push(line);
      }
      if (lines.length === 0) return '\n\n';
      // A fence longer than any backtick run that could close it early (a closer may be indented up to 3 spaces).
      let longest = 0;
      for (const line of lines) {
        const m = /^ {0,3}(`+)/.exec(line);
        if (m) longest = Math.max(longest, m[1]!.length);
      }
      const fence = '`'.repeat(Math.max(3, longest + 1));
      return '\n\n' + fence + '\n' + park(lines.join('\n')) + '\n' + fence + '\n\n';
    },
  });

  service.addRule('listItem', {
    filter: 'li',
    replacement: (content, node) => {
      const el = node as unknown as DomNode;
      const parent = el.parentNode;
      const prefix = parent && parent.nodeName === 'OL' ? `${numberOf(el, parent)}. ` : '- ';
      const endsInBlock = content.endsWith('\n');
      let body = trimNewlines(content) + (endsInBlock ? '\n' : '');
      // Continuation lines are indented to the content column, up to a depth cap (see MAX_LIST_DEPTH).
      if (countAncestors(el, 'LI') < MAX_LIST_DEPTH) body = body.replace(/\n/g, '\n' + ' '.repeat(prefix.length));
      return prefix + body + (el.nextSibling ? '\n' : '');
    },
  });

  service.addRule('blockquote', {
    filter: 'blockquote',
    replacement: (content, node) => {
      const body = trimNewlines(content);
      if (countAncestors(node as unknown as DomNode, 'BLOCKQUOTE') >= MAX_QUOTE_DEPTH) return '\n\n' + body + '\n\n';
      // Every line quoted, so the reply trimmer (SD-49) sees quoted history as "> " lines.
      return '\n\n' + body.replace(/^/gm, '> ') + '\n\n';
    },
  });

  // SD-48: table rows become lines, cells separated by tabs. Leading empty cells (Outlook layout
  // tables) are dropped from the line: a line starting with a tab is a code block in Markdown.
  service.addRule('tableCell', {
    filter: ['td', 'th'],
    replacement: (content) => '\t' + content.trim(),
  });
  service.addRule('tableRow', {
    filter: 'tr',
    replacement: (content) => '\n' + park(content.trim()) + '\n',
  });
  service.addRule('tableSection', {
    filter: ['thead', 'tbody', 'tfoot', 'caption'],
    replacement: (content) => '\n' + content + '\n',
  });

  // SD-48: <details>/<summary> stay as raw HTML. Only the tags are raw: the summary text is
  // HTML-escaped (Markdown escapes mean nothing inside an HTML block), and the body stays Markdown,
  // separated by blank lines so renderers parse it as Markdown.
  service.addRule('details', {
    filter: 'details',
    replacement: (content) => {
      // <details>/<summary> are inline to turndown, so the space after </summary> is not collapsed.
      const body = trimNewlines(content);
      const summary = /^<summary>[^\n]*<\/summary>\n+/.exec(body)?.[0] ?? '';
      return '\n\n<details>\n' + summary + body.slice(summary.length).trimStart() + '\n\n</details>\n\n';
    },
  });
  service.addRule('summary', {
    filter: 'summary',
    replacement: (content, node) => {
      const el = node as unknown as DomNode;
      if (el.parentNode?.nodeName !== 'DETAILS') return '\n\n' + content + '\n\n';
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      return '\n<summary>' + escapeHtml(text) + '</summary>\n\n';
    },
  });

  return service;
}

/** Final layout pass (SD-46, SD-48): no trailing whitespace on any line, at most one blank line in a row, trimmed. Linear by construction. */
function tidy(markdown: string): string {
  const lines = markdown.split(/\r\n?|\n/);
  for (let i = 0; i < lines.length; i++) lines[i] = lines[i]!.trimEnd();
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
