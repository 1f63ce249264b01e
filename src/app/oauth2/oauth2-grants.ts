// OAuth 2.0 credentials as stored (issue 8): what a maintainer gives for a mailbox or a project's SMTP
// account is checked here and sealed at once — client secret, refresh token and every access token each
// under its own purpose — and never returned: the view shows the provider, token URL, client id, scope and
// how the last refresh went. The refreshing itself (mail/oauth2/access-tokens.ts) records through here.
import { invalid } from '../../domain/errors.ts';
import { OAUTH2_PROVIDERS, providerScope, providerTokenUrl, tokenUrlProblem, type OAuth2Provider, type OAuth2Use } from '../../domain/oauth2.ts';
import type { Executor } from '../../db/database.ts';
import type { OAuth2GrantRow } from '../../db/schema/oauth2-grants.ts';
import { isoNow, type Deps } from '../deps.ts';

export interface OAuth2Input {
  provider?: string | null;
  tokenUrl?: string | null;
  clientId: string;
  /** Public clients (no secret) leave it empty. */
  clientSecret?: string | null;
  refreshToken: string;
  scope?: string | null;
}

export interface CheckedOAuth2 {
  provider: OAuth2Provider | null;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  scope: string | null;
}

/** What a refresh needs, opened. */
export type OAuth2Credentials = Omit<CheckedOAuth2, 'provider'>;

/**
 * Checks what was given; a problem is a 400 naming `<field>.<name>`. A provider fills in the token URL and
 * the scope its mail servers want; a given token_url or scope overrides them.
 */
export function checkOAuth2Input(deps: Pick<Deps, 'config'>, input: OAuth2Input, use: OAuth2Use, field = 'oauth2'): CheckedOAuth2 {
  const provider = input.provider?.trim() || null;
  if (provider !== null && !(OAUTH2_PROVIDERS as readonly string[]).includes(provider))
    throw invalid(`${field}.provider`, `must be one of ${OAUTH2_PROVIDERS.join(', ')} (or give token_url)`);
  const known = provider as OAuth2Provider | null;
  const tokenUrl = input.tokenUrl?.trim() || (known ? providerTokenUrl(known) : null);
  if (!tokenUrl) throw invalid(`${field}.token_url`, 'is required unless provider names one');
  const problem = tokenUrlProblem(tokenUrl, deps.config.oauth2AllowHttpTokenUrl);
  if (problem) throw invalid(`${field}.token_url`, problem);
  const clientId = input.clientId.trim();
  const refreshToken = input.refreshToken.trim();
  if (!clientId) throw invalid(`${field}.client_id`, 'is required');
  if (!refreshToken) throw invalid(`${field}.refresh_token`, 'is required');
  const scope = input.scope?.trim() || (known ? providerScope(known, use) : null);
  return { provider: known, tokenUrl, clientId, clientSecret: input.clientSecret?.trim() ?? '', refreshToken, scope };
}

export async function insertOAuth2Grant(trx: Executor, deps: Pick<Deps, 'secrets' | 'clock'>, projectId: number | null, grant: CheckedOAuth2): Promise<number> {
  const row = await trx
    .insertInto('oauth2_grants')
    .values({
      project_id: projectId,
      provider: grant.provider,
      token_url: grant.tokenUrl,
      client_id: grant.clientId,
      scope: grant.scope,
      client_secret_sealed: deps.secrets.seal(grant.clientSecret, 'oauth2_client_secret'),
      refresh_token_sealed: deps.secrets.seal(grant.refreshToken, 'oauth2_refresh_token'),
      access_token_sealed: null,
      access_token_expires_at: null,
      refreshed_at: null,
      last_error: null,
      last_error_at: null,
      created_at: isoNow(deps),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteOAuth2Grant(trx: Executor, id: number): Promise<void> {
  await trx.deleteFrom('oauth2_grants').where('id', '=', id).execute();
}

export function findOAuth2Grant(executor: Executor, id: number): Promise<OAuth2GrantRow | undefined> {
  return executor.selectFrom('oauth2_grants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function oauth2GrantsById(executor: Executor, ids: (number | null)[]): Promise<Map<number, OAuth2GrantRow>> {
  const wanted = ids.filter((id): id is number => id !== null);
  if (wanted.length === 0) return new Map();
  const rows = await executor.selectFrom('oauth2_grants').selectAll().where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** The secrets opened; throws (without quoting them) when SECRET_KEY changed since they were sealed. */
export function openOAuth2Credentials(deps: Pick<Deps, 'secrets'>, row: OAuth2GrantRow): OAuth2Credentials {
  return {
    tokenUrl: row.token_url,
    clientId: row.client_id,
    scope: row.scope,
    clientSecret: deps.secrets.open(row.client_secret_sealed, 'oauth2_client_secret'),
    refreshToken: deps.secrets.open(row.refresh_token_sealed, 'oauth2_refresh_token'),
  };
}

/** The access token cached in the row, or null when there is none or it does not open. */
export function openCachedAccessToken(deps: Pick<Deps, 'secrets'>, row: OAuth2GrantRow): string | null {
  if (!row.access_token_sealed) return null;
  try {
    return deps.secrets.open(row.access_token_sealed, 'oauth2_access_token');
  } catch {
    return null;
  }
}

/** A refresh succeeded: the new access token, and the new refresh token when the provider rotated it. */
export async function recordIssuedToken(deps: Deps, id: number, issued: { accessToken: string; expiresAt: Date; refreshToken: string | null }): Promise<void> {
  await deps.db.db
    .updateTable('oauth2_grants')
    .set({
      access_token_sealed: deps.secrets.seal(issued.accessToken, 'oauth2_access_token'),
      access_token_expires_at: issued.expiresAt.toISOString(),
      ...(issued.refreshToken !== null && { refresh_token_sealed: deps.secrets.seal(issued.refreshToken, 'oauth2_refresh_token') }),
      refreshed_at: isoNow(deps),
      last_error: null,
      last_error_at: null,
    })
    .where('id', '=', id)
    .execute();
}

export async function recordRefreshFailure(deps: Deps, id: number, message: string): Promise<void> {
  await deps.db.db
    .updateTable('oauth2_grants')
    .set({ last_error: message, last_error_at: isoNow(deps) })
    .where('id', '=', id)
    .execute();
}

export interface OAuth2GrantView {
  provider: string | null;
  tokenUrl: string;
  clientId: string;
  scope: string | null;
  accessTokenExpiresAt: string | null;
  refreshedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

/** Never a secret: no client secret, refresh token or access token. */
export const oauth2GrantView = (row: OAuth2GrantRow): OAuth2GrantView => ({
  provider: row.provider,
  tokenUrl: row.token_url,
  clientId: row.client_id,
  scope: row.scope,
  accessTokenExpiresAt: row.access_token_expires_at,
  refreshedAt: row.refreshed_at,
  lastError: row.last_error,
  lastErrorAt: row.last_error_at,
});
