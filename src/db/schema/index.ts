// The whole database as one type: each table's file says what its columns mean.
import type { AttachmentsTable } from './attachments.ts';
import type { CustomEmailCredentialsTable } from './custom-email-credentials.ts';
import type { InboundDedupeTable, InboundMessagesTable } from './inbound-messages.ts';
import type { JobsTable } from './jobs.ts';
import type { MailboxesTable } from './mailboxes.ts';
import type { NotesTable } from './notes.ts';
import type { NotificationSettingsTable } from './notification-settings.ts';
import type { OutboundMessagesTable, ReplyKeysTable } from './outbound-messages.ts';
import type { ParticipantsTable } from './participants.ts';
import type { TicketAssigneesTable, TicketLabelsTable, TicketsTable } from './tickets.ts';
import type { TicketCountsTable } from './ticket-counts.ts';
import type { TicketReadsTable } from './ticket-reads.ts';
import type { PersonalAccessTokensTable } from './personal-access-tokens.ts';
import type { ProjectAddressesTable } from './project-addresses.ts';
import type { ProjectMembersTable } from './project-members.ts';
import type { ProjectsTable } from './projects.ts';
import type { SessionsTable, SignInThrottlesTable } from './sessions.ts';
import type { ServiceDeskSettingsTable } from './service-desk-settings.ts';
import type { ServiceDeskTemplatesTable } from './service-desk-templates.ts';
import type { UsersTable } from './users.ts';

export interface DB {
  users: UsersTable;
  personal_access_tokens: PersonalAccessTokensTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  project_addresses: ProjectAddressesTable;
  service_desk_settings: ServiceDeskSettingsTable;
  service_desk_templates: ServiceDeskTemplatesTable;
  custom_email_credentials: CustomEmailCredentialsTable;
  jobs: JobsTable;
  tickets: TicketsTable;
  ticket_labels: TicketLabelsTable;
  ticket_assignees: TicketAssigneesTable;
  ticket_counts: TicketCountsTable;
  ticket_reads: TicketReadsTable;
  notes: NotesTable;
  participants: ParticipantsTable;
  attachments: AttachmentsTable;
  inbound_messages: InboundMessagesTable;
  inbound_dedupe: InboundDedupeTable;
  mailboxes: MailboxesTable;
  outbound_messages: OutboundMessagesTable;
  reply_keys: ReplyKeysTable;
  notification_settings: NotificationSettingsTable;
  sessions: SessionsTable;
  sign_in_throttles: SignInThrottlesTable;
}
