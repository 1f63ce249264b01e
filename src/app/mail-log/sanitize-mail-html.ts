// The HTML part of a mail, made safe to show in the mail viewer: an allow-list of formatting tags and
// attributes (sanitize-html), so no script, event handler, form, frame, object, <base>, <meta> or <style>
// survives, and nothing in it may load from anywhere: an image stays only as a `data:` raster image (the
// mail's own inline images, which the parser turned from `cid:` into data), every other image becomes a
// visible placeholder, and styles keep only properties whose values cannot hold a URL. The viewer's CSP
// forbids remote loads as well, but a blocked request is still a leak (the rule), so the URL must
// not be in the document at all. Links stay (http, https, mailto), opening apart from Postdesk.
import sanitizeHtml from 'sanitize-html';

/** Raster images a browser draws without running anything; SVG can carry script and remote references. */
const SAFE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;

/** A style value with no parentheses (so no url(), image-set() or expression()) and no escapes, or a plain rgb() colour. */
const PLAIN_VALUE = /^(?:[#\w\s.,%'"!-]+|rgba?\([\d\s.,%]+\))$/;

const STYLED_PROPERTIES = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'line-height',
  'text-align',
  'text-decoration',
  'text-transform',
  'vertical-align',
  'white-space',
  'width',
  'max-width',
  'height',
  'padding',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'margin',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'border',
  'border-top',
  'border-right',
  'border-bottom',
  'border-left',
  'border-collapse',
  'border-color',
  'border-style',
  'border-width',
  'border-radius',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center'],
  // Content of these is dropped with them, not shown as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'xmp', 'iframe', 'noembed', 'noframes', 'select', 'button'],
  allowedAttributes: {
    '*': ['style', 'align', 'valign', 'width', 'height', 'title', 'dir', 'lang', 'bgcolor'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt'],
    font: ['color', 'face', 'size'],
    ol: ['start', 'type'],
    table: ['border', 'cellpadding', 'cellspacing'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedStyles: { '*': Object.fromEntries(STYLED_PROPERTIES.map((p) => [p, [PLAIN_VALUE]])) },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' } }),
    img: (tagName, attribs) =>
      SAFE_IMAGE.test(attribs.src ?? '')
        ? { tagName, attribs }
        : { tagName: 'span', attribs: { class: 'remote-image' }, text: attribs.alt ? `[image not loaded: ${attribs.alt}]` : '[image not loaded]' },
  },
  allowedClasses: { span: ['remote-image'] },
};

export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
