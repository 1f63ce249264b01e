// Markdown → the HTML part of our mail. Raw HTML in the Markdown is shown as text (`html: false`), and
// links may point only at http, https and mailto (images are off): markdown-it's own check lets through
// relative links and schemes like ftp: or tel:, which have no business in a mail we send.
import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:)/i;

const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false }); // only spelled-out http(s) URLs become links
md.validateLink = (url) => SAFE_LINK.test(url.trim());
// No images in our mail: a picture in a customer's text would be remote content (a tracking pixel) loaded
// by every other participant's client. `![x](url)` shows as a plain link instead.
md.disable('image');

export const renderMarkdown = (markdown: string): string => md.render(markdown);
