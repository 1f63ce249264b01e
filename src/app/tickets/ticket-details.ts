// What a ticket view shows beyond its row — labels, assignees, participants, author, files — loaded
// for a whole page of tickets at once (one query per kind, not per ticket).
import type { Executor } from '../../db/database.ts';
import type { TicketRow } from '../../db/schema/tickets.ts';
import { ticketsProvenance, type MailProvenance } from '../mail-log/mail-provenance.ts';

export interface UserRef {
  id: number;
  username: string;
  name: string;
}

export interface AttachmentRef {
  id: number;
  filename: string;
  content_type: string;
  size: number;
}

/** An external participant; `bouncing` while mail to them on this ticket is held back after a bounce. */
export interface ParticipantRef {
  email: string;
  bouncing: { since: string; reason: string | null } | null;
}

export interface TicketDetails {
  ticket: TicketRow;
  author: UserRef;
  labels: string[];
  assignees: UserRef[];
  participants: ParticipantRef[];
  attachments: AttachmentRef[];
  /** The received mail that opened the ticket; null when an agent opened it. */
  email: MailProvenance | null;
  /** Activity since the reader last read it (mark-ticket-read.ts); false when there is no reader. */
  unread: boolean;
}

export async function ticketDetails(executor: Executor, tickets: TicketRow[], readerId: number | null = null): Promise<TicketDetails[]> {
  if (tickets.length === 0) return [];
  const ids = tickets.map((t) => t.id);
  const [labels, assignees, participants, attachments, authors, provenance, reads] = await Promise.all([
    executor.selectFrom('ticket_labels').select(['ticket_id', 'label']).where('ticket_id', 'in', ids).orderBy('label').execute(),
    executor
      .selectFrom('ticket_assignees as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.ticket_id', 'u.id', 'u.username', 'u.name'])
      .where('a.ticket_id', 'in', ids)
      .orderBy('u.id')
      .execute(),
    executor.selectFrom('participants').select(['ticket_id', 'email', 'bouncing_since', 'bounce_reason']).where('ticket_id', 'in', ids).orderBy('id').execute(),
    executor
      .selectFrom('attachments')
      .select(['id', 'ticket_id', 'filename', 'content_type', 'size'])
      .where('ticket_id', 'in', ids)
      .where('note_id', 'is', null)
      .orderBy('id')
      .execute(),
    executor
      .selectFrom('users')
      .select(['id', 'username', 'name'])
      .where('id', 'in', [...new Set(tickets.map((t) => t.author_id))])
      .execute(),
    ticketsProvenance(executor, ids),
    readerId === null
      ? []
      : executor.selectFrom('ticket_reads').select(['ticket_id', 'read_at']).where('user_id', '=', readerId).where('ticket_id', 'in', ids).execute(),
  ]);
  const byTicket = <T extends { ticket_id: number | null }>(rows: T[], id: number) => rows.filter((r) => r.ticket_id === id);
  return tickets.map((ticket) => ({
    ticket,
    author: authors.find((u) => u.id === ticket.author_id)!,
    labels: byTicket(labels, ticket.id).map((l) => l.label),
    assignees: byTicket(assignees, ticket.id).map(({ id, username, name }) => ({ id, username, name })),
    participants: byTicket(participants, ticket.id).map((p) => ({
      email: p.email,
      bouncing: p.bouncing_since === null ? null : { since: p.bouncing_since, reason: p.bounce_reason },
    })),
    attachments: byTicket(attachments, ticket.id).map(({ id, filename, content_type, size }) => ({ id, filename, content_type, size })),
    email: provenance.get(ticket.id) ?? null,
    unread: readerId !== null && isUnread(ticket, byTicket(reads, ticket.id)[0]?.read_at),
  }));
}

/** Never read, or something happened after the last read (ISO times of fixed width: text order is time order). */
const isUnread = (ticket: TicketRow, readAt: string | undefined) => readAt === undefined || readAt < ticket.last_activity_at;
