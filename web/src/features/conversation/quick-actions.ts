// The quick actions the composer offers, and where a `/command` is being typed (pure, tested in test/web).
export type QuickActionHint = { command: string; args: string; what: string };

export const QUICK_ACTIONS: QuickActionHint[] = [
  { command: 'close', args: '', what: 'Close the ticket' },
  { command: 'reopen', args: '', what: 'Reopen the ticket' },
  { command: 'label', args: '~label', what: 'Add labels' },
  { command: 'unlabel', args: '~label', what: 'Remove labels' },
  { command: 'assign', args: '@username', what: 'Assign (or @me)' },
  { command: 'unassign', args: '@username', what: 'Unassign' },
  { command: 'confidential', args: '', what: 'Make the ticket confidential' },
  { command: 'add_email', args: 'email', what: 'Add an external participant' },
  { command: 'remove_email', args: 'email', what: 'Remove an external participant' },
  { command: 'convert_to_ticket', args: 'email', what: "Make it this customer's ticket" },
];

export type Match = { lineStart: number; query: string };

/** The `/partial` being typed at the caret, when the caret's line holds nothing else yet. */
export function matchAt(text: string, caret: number): Match | null {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  const typed = text.slice(lineStart, caret);
  const m = /^\/([a-z_]*)$/i.exec(typed);
  return m ? { lineStart, query: m[1]!.toLowerCase() } : null;
}
