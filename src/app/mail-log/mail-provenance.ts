// Which received mail a note or a ticket came from, so an agent can see who wrote to whom and why the
// mail was routed here (`matched_by`). Read from the mail log's own rows (inbound_messages), loaded for
// a whole page at once. Addresses come back in clear: presenters mask them below reporter.
import type { Executor } from '../../db/database.ts';
import type { MailAuthentication } from '../../domain/mail-authentication.ts';

export interface MailProvenance {
  from: string | null;
  to: string[];
  cc: string[];
  matchedBy: string | null;
  inboundMessageId: number;
  /** Who really sent it; null for mail processed before verdicts were kept (migration 010). */
  authentication: MailAuthentication | null;
}

/** The matched_by values of a mail that opened a ticket (route.ts); the other values thread replies. */
const OPENING_SIGNALS = ['project_key', 'alias', 'extra_address', 'custom_email'];

type ProvenanceRow = {
  id: number;
  from_address: string | null;
  to_addresses: string | null;
  cc_addresses: string | null;
  envelope_to: string;
  matched_by: string | null;
  authentication: string | null;
};

const COLUMNS = ['id', 'from_address', 'to_addresses', 'cc_addresses', 'envelope_to', 'matched_by', 'authentication'] as const;

function provenanceOf(row: ProvenanceRow): MailProvenance {
  return {
    from: row.from_address,
    // As the mail log shows it: the To header, or the SMTP envelope when the mail had none parsed yet.
    to: JSON.parse(row.to_addresses ?? row.envelope_to) as string[],
    // Mail stored before Cc was kept (migration 008) has none recorded.
    cc: row.cc_addresses ? (JSON.parse(row.cc_addresses) as string[]) : [],
    matchedBy: row.matched_by,
    inboundMessageId: row.id,
    authentication: row.authentication ? (JSON.parse(row.authentication) as MailAuthentication) : null,
  };
}

/** By note id: the processed mail that became each note (a customer's reply, or a member's answer by mail). */
export async function notesProvenance(executor: Executor, noteIds: number[]): Promise<Map<number, MailProvenance>> {
  if (noteIds.length === 0) return new Map();
  const rows = await executor
    .selectFrom('inbound_messages')
    .select([...COLUMNS, 'note_id'])
    .where('note_id', 'in', noteIds)
    .where('state', '=', 'processed')
    .execute();
  return new Map(rows.map((row) => [row.note_id!, provenanceOf(row)]));
}

/** By ticket id: the mail that opened each ticket (none for a ticket an agent opened). */
export async function ticketsProvenance(executor: Executor, ticketIds: number[]): Promise<Map<number, MailProvenance>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await executor
    .selectFrom('inbound_messages')
    .select([...COLUMNS, 'ticket_id'])
    .where('ticket_id', 'in', ticketIds)
    .where('state', '=', 'processed')
    .where('matched_by', 'in', OPENING_SIGNALS)
    .orderBy('id')
    .execute();
  const byTicket = new Map<number, MailProvenance>();
  for (const row of rows) if (!byTicket.has(row.ticket_id!)) byTicket.set(row.ticket_id!, provenanceOf(row));
  return byTicket;
}
