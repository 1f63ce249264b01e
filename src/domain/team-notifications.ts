// What the team hears about by mail, and what those mails say. Members answer them by mail too: the
// reply key names the member, so the answer becomes their own note (see the inbound routing).

export interface NotificationPreferences {
  /** Every new ticket in projects where they are a member (off by default: a busy queue is noisy). */
  new_tickets: boolean;
  /** A customer replied on a ticket assigned to them. */
  customer_replies: boolean;
  /** They were assigned a ticket. */
  assignments: boolean;
  /** Someone wrote @their-username in a note. */
  mentions: boolean;
}

export const DEFAULT_PREFERENCES: NotificationPreferences = { new_tickets: false, customer_replies: true, assignments: true, mentions: true };

export type TeamMailKind = 'team_new_ticket' | 'team_customer_reply' | 'team_assigned' | 'team_mention';

/** The usernames @mentioned in Markdown, lower-cased, once each; code and quoted text do not mention. */
export function mentionedUsernames(markdown: string): string[] {
  const found = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence || /^\s*>/.test(line)) continue;
    const text = line.replace(/`[^`]*`/g, ' ');
    // Not after a word character, so `someone@example.com` is an address, not a mention.
    for (const match of text.matchAll(/(?<![\w.@/-])@([A-Za-z0-9][A-Za-z0-9_.-]{0,254})/g)) {
      found.add(match[1]!.replace(/[.-]+$/, '').toLowerCase());
    }
  }
  return [...found];
}

export interface TeamMailFacts {
  iid: number;
  title: string;
  projectPath: string;
  ticketUrl: string;
}

const footer = (t: TeamMailFacts, internal: boolean) =>
  ['', '—', `Reply to this email to answer on ${t.projectPath}#${t.iid}${internal ? ' as an internal note' : ''}, or open ${t.ticketUrl}`].join('\n');

export function teamMailText(kind: TeamMailKind, t: TeamMailFacts, detail: { who: string; body?: string; internal?: boolean }): string {
  const internal = detail.internal === true;
  switch (kind) {
    case 'team_new_ticket':
      return [`${detail.who} opened ${t.projectPath}#${t.iid}: ${t.title}`, '', detail.body ?? '', footer(t, false)].join('\n');
    case 'team_customer_reply':
      return [`${detail.who} replied on ${t.projectPath}#${t.iid}: ${t.title}`, '', detail.body ?? '', footer(t, false)].join('\n');
    case 'team_assigned':
      return [`${detail.who} assigned ${t.projectPath}#${t.iid} to you: ${t.title}`, footer(t, false)].join('\n');
    case 'team_mention':
      return [
        `${detail.who} mentioned you${internal ? ' in an internal note' : ''} on ${t.projectPath}#${t.iid}: ${t.title}`,
        '',
        detail.body ?? '',
        footer(t, internal),
      ].join('\n');
  }
}
