import type { MailboxView } from '../../app/mailboxes/mailbox-view.ts';

/** Never the password: the use cases hold only the masked URL and the sealed password. */
export const presentMailbox = (m: MailboxView) => ({
  id: m.id,
  project_id: m.projectId,
  identity: m.identity,
  url_without_password: m.urlWithoutPassword,
  move_to: m.moveTo,
  connected: m.connected,
  last_fetch_at: m.lastFetchAt,
  backlog: m.backlog,
  last_error: m.lastError,
  last_error_at: m.lastErrorAt,
  created_at: m.createdAt,
});
