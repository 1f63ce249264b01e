// Markdown → the HTML part of our mail. Raw HTML in the Markdown is shown as text (`html: false`), and
// links may point only at http, https and mailto (images are off): markdown-it's own check lets through
// relative links and schemes like ftp: or tel:, which have no business in a mail we send.
import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:)/i;

let md: InstanceType<typeof MarkdownIt> | undefined;

/** Made on the first mail we render: an idle server does not hold markdown-it (issue 10, idle memory). */
function renderer(): InstanceType<typeof MarkdownIt> {
  if (md) return md;
  const Markdown = createRequire(import.meta.url)('markdown-it') as typeof MarkdownIt;
  md = new Markdown({ html: false, linkify: true, breaks: true });
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false }); // only spelled-out http(s) URLs become links
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  // No images in our mail: a picture in a customer's text would be remote content (a tracking pixel) loaded
  // by every other participant's client. `![x](url)` shows as a plain link instead.
  md.disable('image');
  return md;
}

export const renderMarkdown = (markdown: string): string => renderer().render(markdown);
