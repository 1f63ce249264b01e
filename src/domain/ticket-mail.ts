// What the mail we send about a ticket says and how it threads (DESIGN §2 "Out", SD-52, SD-62…SD-65).
// What the mails say is in mail-templates.ts (the defaults and per-project templates).
import type { TemplateName } from './mail-templates.ts';

export type TicketMailKind = TemplateName;

export interface TicketMailFacts {
  title: string;
  iid: number;
  ticketUrl: string;
}

/** SD-63: every mail about a ticket is `Re: <title> (#<iid>)`. */
export const ticketMailSubject = (t: Pick<TicketMailFacts, 'title' | 'iid'>) => `Re: ${t.title} (#${t.iid})`;

/** The subject of a mail that must not quote the customer (queue-ticket-mail.ts, withholdCustomerText). */
export const withheldSubject = (t: Pick<TicketMailFacts, 'iid'>) => `Your support request (#${t.iid})`;

/** The thread every mail about a ticket belongs to; never the id of a real message. */
export const ticketThreadId = (ticketId: number, host: string) => `<ticket-${ticketId}@${host}>`;

/** SD-16: carried in References so a reply to the bare mailbox still finds its way. */
export const replyReferenceId = (replyKey: string, host: string) => `<reply-${replyKey}@${host}>`;

/** SD-62: `Name (@username)` for a person's comment; the project's outgoing name or `Support Bot` for the desk. */
export const personDisplayName = (name: string, username: string) => `${name} (@${username})`;
export const deskDisplayName = (outgoingName: string | null) => outgoingName?.trim() || 'Support Bot';

/** A mailbox for a header; the display name always quoted (RFC 5322 quoted-string), so any name is safe. */
export const mailbox = (name: string, address: string) => `"${name.replace(/["\\]/g, '\\$&').replace(/[\r\n]+/g, ' ')}" <${address}>`;
