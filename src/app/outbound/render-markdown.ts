// Markdown → the HTML part of our mail. Raw HTML in the Markdown is shown as text (`html: false`), and
// links and images may point only at http, https and mailto: markdown-it's own check lets through
// relative links and schemes like ftp: or tel:, which have no business in a mail we send.
import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:)/i;

const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false }); // only spelled-out http(s) URLs become links
md.validateLink = (url) => SAFE_LINK.test(url.trim());

export const renderMarkdown = (markdown: string): string => md.render(markdown);
