// The ONE rendering path for customer (and agent) content: Markdown (markdown-it, raw HTML off, linkify)
// → DOMPurify with a strict allowlist → remote URLs removed until the agent asks for them.
// Why each step:
// - Markdown with `html: false` turns any HTML a customer wrote into text; DOMPurify then guards against
//   whatever markdown-it itself emits (links, images) and against our own <details> assembly.
// - A remote image is a tracking pixel: it tells the sender that (and when, and from where) the agent read
//   the mail. So no remote URL reaches the DOM — not even one the CSP would block, since the attempt
//   itself shows in the sender's logs — until `allowRemote` is set for that message.
// - Mail bodies carry trimmed quotes as a literal `<details><summary>…</summary>…</details>` block
//   (INTERFACE.md, note): those few tags, and only those, become a real folded <details> whose inner text
//   goes through this same path.
// Must never: return HTML that did not pass DOMPurify, keep an event handler, a `javascript:`/`data:` link,
// a style, a form, a frame, or a remote URL while `allowRemote` is false.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

export type RenderOptions = { allowRemote?: boolean; origin?: string };
/** HTML that came out of renderContent; the only string the app ever puts into innerHTML. */
export type SafeHtml = { readonly __html: string };
export type RenderResult = { html: SafeHtml; blockedRemote: number };

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
// `www.example.com` in a mail is a link to the reader, as in every mail client.
markdown.linkify.set({ fuzzyLink: true });

const ALLOWED_TAGS = [
  'a',
  'b',
  'blockquote',
  'br',
  'code',
  'del',
  'details',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'span',
  'strong',
  'summary',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
];
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'start', 'colspan', 'rowspan', 'class'];
const LINK_PROTOCOL = /^(?:https?:|mailto:)/i;

const purify = DOMPurify(window);
let current: { allowRemote: boolean; origin: string; blocked: number } = { allowRemote: false, origin: '', blocked: 0 };

function isSameOriginOrData(url: string, origin: string): boolean {
  if (/^data:image\/(?:png|jpe?g|gif|webp);/i.test(url)) return true;
  try {
    return new URL(url, origin).origin === origin;
  } catch {
    return false;
  }
}

purify.addHook('afterSanitizeAttributes', (node) => {
  const element = node as Element;
  // Only our own marker classes survive; anything a message tries to style with is dropped.
  if (element.hasAttribute('class') && element.getAttribute('class') !== 'remote-image-blocked') element.removeAttribute('class');
  if (element.tagName === 'A') {
    const href = element.getAttribute('href') ?? '';
    if (!LINK_PROTOCOL.test(href.trim())) element.removeAttribute('href');
    element.setAttribute('target', '_blank');
    element.setAttribute('rel', 'noopener noreferrer');
  }
  if (element.tagName === 'IMG') {
    const src = element.getAttribute('src') ?? '';
    if (!src || isSameOriginOrData(src, current.origin)) return;
    if (current.allowRemote && /^https?:/i.test(src)) {
      element.setAttribute('referrerpolicy', 'no-referrer');
      return;
    }
    // Replace the image with a visible stand-in; its URL never enters the DOM.
    current.blocked++;
    const stand = element.ownerDocument.createElement('span');
    stand.setAttribute('class', 'remote-image-blocked');
    stand.textContent = `[remote image${element.getAttribute('alt') ? `: ${element.getAttribute('alt')}` : ''}]`;
    element.replaceWith(stand);
  }
});

function sanitize(html: string): string {
  return purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|jpe?g|gif|webp);)/i,
    KEEP_CONTENT: true,
    RETURN_TRUSTED_TYPE: false,
  }) as string;
}

const OPEN = /<details>\s*(?:<summary>([\s\S]*?)<\/summary>)?/i;

/** Markdown with literal <details><summary>…</summary>…</details> blocks (possibly nested) folded. */
function markdownWithDetails(source: string): string {
  const open = OPEN.exec(source);
  if (!open) return markdown.render(source);
  const start = open.index;
  const innerStart = start + open[0].length;
  // Find the matching </details>, counting nested ones.
  const tags = /<\/?details>/gi;
  tags.lastIndex = innerStart;
  let depth = 1;
  let close: RegExpExecArray | null = null;
  for (let tag = tags.exec(source); tag; tag = tags.exec(source)) {
    depth += tag[0][1] === '/' ? -1 : 1;
    if (depth === 0) {
      close = tag;
      break;
    }
  }
  if (!close) return markdown.render(source); // unbalanced: all of it stays text
  const summaryText = purify.sanitize(open[1] ?? '…', { ALLOWED_TAGS: [], KEEP_CONTENT: true }) as string;
  const inner = source.slice(innerStart, close.index);
  const after = source.slice(close.index + close[0].length);
  return `${markdown.render(source.slice(0, start))}<details><summary>${summaryText.trim() || '…'}</summary>${markdownWithDetails(inner)}</details>${markdownWithDetails(after)}`;
}

export function renderContent(source: string, options: RenderOptions = {}): RenderResult {
  current = { allowRemote: options.allowRemote ?? false, origin: options.origin ?? window.location.origin, blocked: 0 };
  const html = sanitize(markdownWithDetails(source));
  return { html: { __html: html }, blockedRemote: current.blocked };
}
