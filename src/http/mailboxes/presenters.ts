import type { MailboxView } from '../../app/mailboxes/mailbox-view.ts';

/** Never the password, client secret or a token: the use cases hold only the masked URL and sealed secrets. */
export const presentMailbox = (m: MailboxView) => ({
  id: m.id,
  project_id: m.projectId,
  identity: m.identity,
  url_without_password: m.urlWithoutPassword,
  auth: m.auth,
  oauth2: m.oauth2 && {
    provider: m.oauth2.provider,
    token_url: m.oauth2.tokenUrl,
    client_id: m.oauth2.clientId,
    scope: m.oauth2.scope,
    access_token_expires_at: m.oauth2.accessTokenExpiresAt,
    refreshed_at: m.oauth2.refreshedAt,
    last_error: m.oauth2.lastError,
    last_error_at: m.oauth2.lastErrorAt,
  },
  move_to: m.moveTo,
  connected: m.connected,
  last_fetch_at: m.lastFetchAt,
  backlog: m.backlog,
  last_error: m.lastError,
  last_error_at: m.lastErrorAt,
  created_at: m.createdAt,
});
