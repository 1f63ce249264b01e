// Quick actions in an agent's note: `/close`, `/label ~bug`, `/add_email a@x` … each on a line of its own.
// Parsing is pure and says nothing about permission or effect; app/notes/apply-quick-actions.ts decides.
// As in GitLab, a command counts only at the very start of a line, never inside a fenced code block or
// a quote (so a pasted transcript cannot close a ticket), and unknown commands stay as plain text.
// Customers' quick actions are made inert here too (SD-32), by the same rule: `isQuickActionLine` alone
// decides what is a command, in any case (`/CLOSE`, `/Add_Email`), for the parser and for the redaction,
// so nothing a customer wrote can pass the redaction and then run when a member's mail quotes it.

export type QuickAction =
  | { command: 'close' | 'reopen' | 'confidential' }
  | { command: 'label' | 'unlabel'; labels: string[] }
  | { command: 'assign' | 'unassign'; usernames: string[] }
  | { command: 'add_email' | 'remove_email'; emails: string[] }
  | { command: 'convert_to_ticket'; email: string };

export type QuickActionCommand = QuickAction['command'];

const COMMAND_LINE = /^\/([a-z_]+)(?:[ \t]+(.*))?$/i;
const FENCE = /^(```|~~~)/;

export interface ParsedNote {
  actions: QuickAction[];
  /** The body without the quick-action lines, trimmed; empty when the note was only quick actions. */
  text: string;
}

export function parseQuickActions(body: string): ParsedNote {
  const actions: QuickAction[] = [];
  const kept: string[] = [];
  let fence: string | null = null;
  let inQuoteBlock = false; // GitLab's `>>>` multi-line quote
  for (const line of body.split(/\r?\n/)) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fenceMark && !inQuoteBlock) fence = fence === null ? fenceMark : fence === fenceMark ? null : fence;
    else if (fence === null && /^>>>\s*$/.test(line)) inQuoteBlock = !inQuoteBlock;
    const action = fence === null && !inQuoteBlock && !fenceMark ? commandOf(line) : null;
    if (action) actions.push(action);
    else kept.push(line);
  }
  return {
    actions,
    text: kept
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}

/** The one rule: would this line, on its own, be a quick action? */
export const isQuickActionLine = (line: string): boolean => commandOf(line) !== null;

/**
 * SD-32: customers cannot run quick actions. Every line that is one (by `isQuickActionLine`, also inside
 * fences and quotes, where the parser would skip it: a member quoting it may drop the fence) is wrapped in
 * backticks, so it stays visible and inert. Lines end at any line terminator JavaScript knows (\n, \r,
 * U+2028, U+2029), which covers every way the parser or a mail client may split them.
 */
export function redactQuickActions(text: string): string {
  return text.replace(/^.*$/gm, (line) => (isQuickActionLine(line) ? `\`${line.replace(/`/g, "'")}\`` : line));
}

function commandOf(line: string): QuickAction | null {
  const match = COMMAND_LINE.exec(line.trimEnd());
  if (!match) return null;
  const name = match[1]!.toLowerCase();
  const args = (match[2] ?? '').trim();
  switch (name) {
    case 'close':
    case 'reopen':
    case 'confidential':
      return { command: name };
    case 'label':
    case 'unlabel':
      return { command: name, labels: parseLabels(args) };
    case 'assign':
    case 'unassign':
      return { command: name, usernames: parseUsernames(args) };
    case 'add_email':
    case 'remove_email':
      return { command: name, emails: parseEmails(args) };
    case 'convert_to_ticket':
      return { command: name, email: parseEmails(args)[0] ?? '' };
    default:
      return null;
  }
}

/** `~bug ~"needs info" plain` → ['bug', 'needs info', 'plain'] (GitLab accepts names with or without `~`). */
export function parseLabels(args: string): string[] {
  const labels = new Set<string>(); // a Set: a 1 MiB note may name hundreds of thousands
  for (const m of args.matchAll(/~?"([^"]*)"|~?([^\s,"]+)/g)) {
    const label = (m[1] ?? m[2] ?? '').trim();
    if (label) labels.add(label);
  }
  return [...labels];
}

/** `@alice @bob, carol` → ['alice', 'bob', 'carol']; `@me` stays `me` for the caller to resolve. */
export function parseUsernames(args: string): string[] {
  return [
    ...new Set(
      args
        .split(/[\s,]+/)
        .map((u) => u.replace(/^@/, ''))
        .filter(Boolean),
    ),
  ];
}

/** Addresses separated by spaces or commas, in order, as written. */
export function parseEmails(args: string): string[] {
  return args.split(/[\s,]+/).filter(Boolean);
}
