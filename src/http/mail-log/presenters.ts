import type { InboundListItem } from '../../app/mail-log/inbound-messages.ts';
import type { OutboundListItem } from '../../app/mail-log/outbound-messages.ts';
import type { MailAuthentication } from '../../domain/mail-authentication.ts';
import { presentAuthentication } from '../tickets/presenters.ts';

export const presentInbound = (m: InboundListItem) => ({
  id: m.id,
  state: m.state,
  reason: m.reason,
  error: m.error,
  project_id: m.project_id,
  ticket_iid: m.ticket_iid,
  note_id: m.note_id,
  matched_by: m.matched_by,
  from: m.from_address,
  to: m.to_addresses ? (JSON.parse(m.to_addresses) as string[]) : (JSON.parse(m.envelope_to) as string[]),
  cc: m.cc_addresses ? (JSON.parse(m.cc_addresses) as string[]) : [],
  subject: m.subject,
  message_id: m.message_id,
  size: m.size,
  received_at: m.received_at,
  processed_at: m.processed_at,
  channel: m.channel,
  // The mail log is for maintainers and admins, who see addresses.
  authentication: presentAuthentication({ seesAddresses: true }, m.authentication ? (JSON.parse(m.authentication) as MailAuthentication) : null),
});

export const presentOutbound = (m: OutboundListItem) => ({
  id: m.id,
  state: m.state,
  kind: m.kind,
  to: m.to_address,
  from: m.from_header,
  subject: m.subject,
  message_id: m.message_id,
  in_reply_to: m.in_reply_to,
  references: m.references,
  reply_to: m.reply_to,
  attempts: m.attempts,
  error: m.error,
  via: m.sender_account === 'project' ? ('project_account' as const) : ('instance' as const),
  project_id: m.project_id,
  ticket_iid: m.ticket_iid,
  created_at: m.created_at,
  sent_at: m.sent_at,
});
