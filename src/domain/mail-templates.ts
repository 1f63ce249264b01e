// The words of the mail we send about a ticket: the built-in templates and the per-project ones
// (SD-71), with placeholders filled before Markdown rendering (SD-72).
// One template gives both parts: the text part gets the values as they are; the Markdown that becomes
// the HTML part gets them escaped, so a subject or an address cannot become markup; the description and
// the note are Markdown and are rendered as such (raw HTML shown as text, no images, http(s)/mailto links).
// Unlike GitLab (SD-73), a custom template that leaves out %{UNSUBSCRIBE_URL} still gets the link.

export const TEMPLATE_NAMES = ['thank_you', 'new_note', 'new_participant'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export const isTemplateName = (name: string): name is TemplateName => (TEMPLATE_NAMES as readonly string[]).includes(name);

/** SD-74 (our own wording) and SD-67; a project's template replaces one of these. */
export const DEFAULT_TEMPLATES: Record<TemplateName, string> = {
  thank_you: [
    'Thank you for your support request! We are tracking your request as ticket %{ISSUE_ID}, and will respond as soon as we can.',
    '',
    'To add more to it, simply reply to this email: your reply is added to ticket %{ISSUE_ID}.',
  ].join('\n'),
  new_note: ['There is a new reply on ticket %{ISSUE_ID}:', '', '%{NOTE_TEXT}', '', 'Reply to this email to answer.'].join('\n'),
  new_participant: [
    'You have been added to ticket %{ISSUE_ID}. Replies to this email are added to the ticket and reach everyone taking part in it.',
    '',
    'If you unsubscribe, someone has to add you again for you to hear about it.',
  ].join('\n'),
};

/** What the placeholders stand for, unescaped. */
export interface TemplateValues {
  iid: number;
  projectPath: string;
  ticketUrl: string;
  description: string;
  /** The comment's Markdown; empty outside new_note (SD-72). */
  noteText: string;
  unsubscribeUrl: string;
  /** Instance texts (SD-72); Postdesk has no such instance settings yet, so they are empty. */
  systemHeader: string;
  systemFooter: string;
  additionalText: string;
}

export interface RenderedTemplate {
  /** The text/plain part. */
  text: string;
  /** Markdown with every value escaped: the source of the text/html part. */
  markdown: string;
}

const PLACEHOLDER = /%\{\s*([A-Z_]+)\s*\}/g; // SD-72: `%{ ISSUE_ID }` works too

/** CommonMark lets any ASCII punctuation be backslash-escaped: then none of it is syntax. */
export const escapeMarkdown = (value: string) => value.replace(/[!-/:-@[-`{-~]/g, '\\$&');

/** A URL we made ourselves, kept usable as a link: characters outside a plain set are percent-encoded. */
export const escapeMarkdownUrl = (url: string) =>
  url.replace(/[^A-Za-z0-9\-._:/?#@=&%+]/g, (c) => encodeURIComponent(c).replace(/[!'()*~]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`));

export const UNSUBSCRIBE_LINE = 'To stop receiving mail about this ticket, unsubscribe: %{UNSUBSCRIBE_URL}';

/** The template actually rendered: the project's, or the default; always with an unsubscribe link. */
export function effectiveTemplate(name: TemplateName, custom: string | null | undefined): string {
  const template = custom?.trim() ? custom : DEFAULT_TEMPLATES[name];
  PLACEHOLDER.lastIndex = 0;
  const hasUnsubscribe = [...template.matchAll(PLACEHOLDER)].some((m) => m[1] === 'UNSUBSCRIBE_URL');
  return hasUnsubscribe ? template : `${template.trimEnd()}\n\n${UNSUBSCRIBE_LINE}`;
}

export function renderTemplate(name: TemplateName, custom: string | null | undefined, values: TemplateValues): RenderedTemplate {
  const template = effectiveTemplate(name, custom);
  return {
    text: fillPlaceholders(template, values, { text: (v) => v, url: (u) => u, markdown: (m) => m }),
    // The ticket's description and the note are Markdown already (an agent's formatting should show); they
    // go in as they are, the renderer keeping raw HTML as text and links to http(s)/mailto.
    markdown: fillPlaceholders(template, values, { text: escapeMarkdown, url: escapeMarkdownUrl, markdown: (m) => m }),
  };
}

/** Unknown placeholders stay as typed. */
export function fillPlaceholders(
  template: string,
  v: TemplateValues,
  as: { text: (s: string) => string; url: (s: string) => string; markdown: (s: string) => string },
): string {
  const { text, url, markdown } = as;
  const values: Record<string, string> = {
    ISSUE_ID: text(`#${v.iid}`),
    ISSUE_PATH: text(`${v.projectPath}#${v.iid}`),
    ISSUE_URL: url(v.ticketUrl),
    ISSUE_DESCRIPTION: markdown(v.description),
    NOTE_TEXT: markdown(v.noteText),
    UNSUBSCRIBE_URL: url(v.unsubscribeUrl),
    SYSTEM_HEADER: text(v.systemHeader),
    SYSTEM_FOOTER: text(v.systemFooter),
    ADDITIONAL_TEXT: text(v.additionalText),
  };
  return template.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
}
