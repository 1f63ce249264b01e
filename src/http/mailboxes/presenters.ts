import type { MailboxView } from '../../app/mailboxes/mailbox-view.ts';
import { presentOAuth2Grant } from '../oauth2-schemas.ts';

/** Never the password, client secret or a token: the use cases hold only the masked URL and sealed secrets. */
export const presentMailbox = (m: MailboxView) => ({
  id: m.id,
  project_id: m.projectId,
  identity: m.identity,
  url_without_password: m.urlWithoutPassword,
  auth: m.auth,
  oauth2: m.oauth2 && presentOAuth2Grant(m.oauth2),
  move_to: m.moveTo,
  connected: m.connected,
  last_fetch_at: m.lastFetchAt,
  backlog: m.backlog,
  last_error: m.lastError,
  last_error_at: m.lastErrorAt,
  created_at: m.createdAt,
});
