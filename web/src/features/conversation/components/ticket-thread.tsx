import { useMemo } from 'react';
import type { Note, Ticket } from '../../../lib/api-types.ts';
import { type ThreadItem, ThreadMessage } from './thread-message.tsx';

/** The conversation: the ticket's description first, then the notes oldest first. */
export function TicketThread({ ticket, notes }: { ticket: Ticket; notes: Note[] }) {
  // Made again only when the ticket changes, so its message is not rendered again with every note.
  const description = useMemo(() => descriptionOf(ticket), [ticket]);
  return (
    <section className="thread" aria-label="Conversation">
      <ThreadMessage item={description} />
      {notes.map((note) => (
        <ThreadMessage key={note.id} item={note} />
      ))}
    </section>
  );
}

function descriptionOf(ticket: Ticket): ThreadItem {
  return {
    body: ticket.description || '_No description._',
    system: false,
    internal: false,
    author: ticket.author,
    // A ticket opened by mail (by the support bot) starts with the customer's mail; one an agent opened
    // and later converted to a customer's (/convert_to_ticket) starts with the agent's words.
    external_author: ticket.email || ticket.author.username === 'support-bot' ? ticket.external_author : null,
    attachments: ticket.attachments,
    created_at: ticket.created_at,
    email: ticket.email,
    isDescription: true,
  };
}
