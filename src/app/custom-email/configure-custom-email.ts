// Setting a project's own address and its SMTP account (SD-90…SD-92, SD-100), inside the settings update's
// transaction. The fields given are merged with what is stored; any real change starts verification again
// (SD-93), which switches the address off until it is verified. The account signs in with a password or with
// OAuth 2.0 credentials (XOAUTH2; app/oauth2/), one or the other: giving one replaces the other. Secrets are
// sealed at once; a new host or username needs them entered again, so a stored password (or an access token,
// as good as one) is never sent to a server it was not typed for.
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { addressTemplateMatcher } from '../../domain/address-template.ts';
import {
  DEFAULT_SMTP_PORT,
  smtpHostProblem,
  smtpPasswordProblem,
  smtpPortProblem,
  smtpUsernameProblem,
  type SmtpAuthMethod,
} from '../../domain/smtp-account.ts';
import { customEmailProblem } from '../../domain/validation.ts';
import { checkOAuth2Input, deleteOAuth2Grant, insertOAuth2Grant, type CheckedOAuth2, type OAuth2Input } from '../oauth2/oauth2-grants.ts';
import type { Executor } from '../../db/database.ts';
import type { CustomEmailCredentialsRow } from '../../db/schema/custom-email-credentials.ts';
import type { ProjectRow } from '../../db/schema/projects.ts';
import type { ServiceDeskSettingsRow } from '../../db/schema/service-desk-settings.ts';
import { isoNow, type Deps } from '../deps.ts';
import { outgoingAddress } from '../mail-identity.ts';
import { findCredentials } from './project-smtp-account.ts';
import { startVerification } from './verification.ts';

export interface CustomEmailInput {
  custom_email?: string | null;
  custom_email_smtp_address?: string;
  custom_email_smtp_port?: number | null;
  custom_email_smtp_username?: string;
  custom_email_smtp_password?: string;
  custom_email_smtp_authentication?: SmtpAuthMethod | null;
  /** Instead of a password: sign in with XOAUTH2 and access tokens of these credentials. */
  custom_email_smtp_oauth2?: OAuth2Input;
}

/** The input once checked: OAuth 2.0 credentials with their token URL and scope filled in. */
export interface CheckedCustomEmailInput extends Omit<CustomEmailInput, 'custom_email_smtp_oauth2'> {
  custom_email_smtp_oauth2?: CheckedOAuth2;
}

const FIELDS = [
  'custom_email',
  'custom_email_smtp_address',
  'custom_email_smtp_port',
  'custom_email_smtp_username',
  'custom_email_smtp_password',
  'custom_email_smtp_authentication',
  'custom_email_smtp_oauth2',
] as const;

export const touchesCustomEmail = (input: CustomEmailInput) => FIELDS.some((field) => input[field] !== undefined);

/** Format checks that need no database (SD-90, SD-91); each problem is a 400 naming its field. */
export function checkCustomEmailInput(deps: Pick<Deps, 'config'>, input: CustomEmailInput): CheckedCustomEmailInput {
  const email = input.custom_email === undefined ? undefined : input.custom_email?.trim().toLowerCase() || null;
  if (email) {
    const problem = customEmailProblem(email) ?? ownAddressProblem(deps, email);
    if (problem) throw invalid('custom_email', problem);
  }
  const host = input.custom_email_smtp_address?.trim().toLowerCase();
  const hostProblem = host === undefined ? null : smtpHostProblem(host, deps.config.customEmailAllowLoopbackSmtp);
  if (hostProblem) throw invalid('custom_email_smtp_address', hostProblem);
  const portProblem = input.custom_email_smtp_port == null ? null : smtpPortProblem(input.custom_email_smtp_port);
  if (portProblem) throw invalid('custom_email_smtp_port', portProblem);
  const username = input.custom_email_smtp_username?.trim();
  const usernameProblem = username === undefined ? null : smtpUsernameProblem(username);
  if (usernameProblem) throw invalid('custom_email_smtp_username', usernameProblem);
  const passwordProblem = input.custom_email_smtp_password === undefined ? null : smtpPasswordProblem(input.custom_email_smtp_password);
  if (passwordProblem) throw invalid('custom_email_smtp_password', passwordProblem);
  const oauth2 =
    input.custom_email_smtp_oauth2 === undefined ? undefined : checkOAuth2Input(deps, input.custom_email_smtp_oauth2, 'smtp', 'custom_email_smtp_oauth2');
  if (oauth2 && input.custom_email_smtp_password !== undefined) throw invalid('custom_email_smtp_oauth2', 'give a password or OAuth 2.0 credentials, not both');
  if (oauth2 && input.custom_email_smtp_authentication) throw invalid('custom_email_smtp_authentication', OAUTH2_METHOD);
  return { ...input, custom_email: email, custom_email_smtp_address: host, custom_email_smtp_username: username, custom_email_smtp_oauth2: oauth2 };
}

const OAUTH2_METHOD = 'must be null with OAuth 2.0 credentials (they sign in with XOAUTH2)';

/** Mail to our own addresses must not come back to us as a "custom" address: it would route twice and loop. */
function ownAddressProblem(deps: Pick<Deps, 'config'>, email: string): string | null {
  const templates = [deps.config.incomingEmailAddress, deps.config.serviceDeskAliasAddress].filter((t): t is string => t !== null);
  const ours = templates.some((template) => addressTemplateMatcher(template).keyOf(email) !== null) || email === outgoingAddress(deps.config).toLowerCase();
  return ours ? "must be the project's own address, not one of this Postdesk's" : null;
}

/**
 * Applies checked input. Returns the settings as they are afterwards. `custom_email: null` resets
 * (SD-100); otherwise the merged configuration must be complete (SD-92), and a change restarts verification.
 */
export async function applyCustomEmail(
  trx: Executor,
  deps: Pick<Deps, 'config' | 'clock' | 'secrets'>,
  actor: Actor,
  project: ProjectRow,
  current: ServiceDeskSettingsRow,
  input: CheckedCustomEmailInput,
): Promise<ServiceDeskSettingsRow> {
  if (input.custom_email === null) {
    await resetCustomEmailOf(trx, deps, project.id);
    return trx.selectFrom('service_desk_settings').selectAll().where('project_id', '=', project.id).executeTakeFirstOrThrow();
  }
  const stored = await findCredentials(trx, project.id);
  const next = mergeAccount(input, current, stored);
  const oauth2 = input.custom_email_smtp_oauth2;
  const newLogin = oauth2 !== undefined || input.custom_email_smtp_password !== undefined;
  const changed =
    newLogin ||
    next.email !== current.custom_email ||
    next.host !== stored?.smtp_address ||
    next.port !== stored?.smtp_port ||
    next.username !== stored?.smtp_username ||
    next.method !== (stored?.smtp_authentication ?? null);
  if (!changed) return current;
  const now = isoNow(deps);
  const login = newLogin && {
    smtp_password_sealed: input.custom_email_smtp_password === undefined ? null : deps.secrets.seal(input.custom_email_smtp_password, 'smtp_password'),
    oauth2_grant_id: oauth2 ? await insertOAuth2Grant(trx, deps, project.id, oauth2) : null,
  };
  const account = {
    smtp_address: next.host,
    smtp_port: next.port,
    smtp_username: next.username,
    smtp_authentication: next.method,
    updated_at: now,
    ...login,
  };
  if (stored) await trx.updateTable('custom_email_credentials').set(account).where('project_id', '=', project.id).execute();
  else
    await trx
      .insertInto('custom_email_credentials')
      .values({ ...account, project_id: project.id, created_at: now })
      .execute();
  // Replaced credentials go once nothing points at them (their cached token with them).
  if (login && stored?.oauth2_grant_id != null) await deleteOAuth2Grant(trx, stored.oauth2_grant_id);
  // A unique violation here (the address is another project's) rolls all of it back, the credential too (SD-92).
  await trx.updateTable('service_desk_settings').set({ custom_email: next.email, updated_at: now }).where('project_id', '=', project.id).execute();
  return startVerification(trx, deps, project, actor.kind === 'user' ? actor.userId : null);
}

/**
 * The account as it will be: what was given over what is stored. Throws when it is incomplete (SD-92), when
 * it would move to another server or username without its secret given again, or names a password AUTH
 * method for OAuth 2.0.
 */
function mergeAccount(input: CheckedCustomEmailInput, current: ServiceDeskSettingsRow, stored: CustomEmailCredentialsRow | undefined) {
  const newLogin = input.custom_email_smtp_oauth2 !== undefined || input.custom_email_smtp_password !== undefined;
  const withOAuth2 = input.custom_email_smtp_oauth2 !== undefined || (!newLogin && stored?.oauth2_grant_id != null);
  if (withOAuth2 && input.custom_email_smtp_authentication) throw invalid('custom_email_smtp_authentication', OAUTH2_METHOD);
  const next = {
    email: input.custom_email ?? current.custom_email,
    host: input.custom_email_smtp_address ?? stored?.smtp_address,
    port: input.custom_email_smtp_port ?? stored?.smtp_port ?? DEFAULT_SMTP_PORT,
    username: input.custom_email_smtp_username ?? stored?.smtp_username,
    method: withOAuth2
      ? null
      : input.custom_email_smtp_authentication !== undefined
        ? input.custom_email_smtp_authentication
        : (stored?.smtp_authentication ?? null),
  };
  const missing = [
    !next.email && 'custom_email',
    !next.host && 'custom_email_smtp_address',
    !next.username && 'custom_email_smtp_username',
    !stored && !newLogin && 'custom_email_smtp_password',
  ].filter((field): field is string => typeof field === 'string');
  if (missing.length > 0) {
    const problem = (field: string) => (field === 'custom_email_smtp_password' ? 'is missing (or give custom_email_smtp_oauth2)' : 'is missing');
    throw new DomainError('invalid', `A custom email needs ${missing.join(', ')} as well`, Object.fromEntries(missing.map((field) => [field, problem(field)])));
  }
  const accountMoved = stored !== undefined && (next.host !== stored.smtp_address || next.username !== stored.smtp_username);
  if (accountMoved && !newLogin) {
    throw invalid(
      stored.oauth2_grant_id !== null ? 'custom_email_smtp_oauth2' : 'custom_email_smtp_password',
      'must be given again when the SMTP address or username changes',
    );
  }
  return next as typeof next & { email: string; host: string; username: string };
}

/** SD-100: the credential (its OAuth 2.0 credentials too), the verification and the address go; false when there was nothing to reset. */
export async function resetCustomEmailOf(trx: Executor, deps: Pick<Deps, 'clock'>, projectId: number): Promise<boolean> {
  const removed = await trx.deleteFrom('custom_email_credentials').where('project_id', '=', projectId).returning('oauth2_grant_id').executeTakeFirst();
  if (removed?.oauth2_grant_id != null) await deleteOAuth2Grant(trx, removed.oauth2_grant_id);
  const cleared = await trx
    .updateTable('service_desk_settings')
    .set({
      custom_email: null,
      custom_email_enabled: 0,
      custom_email_state: null,
      custom_email_error: null,
      custom_email_token_hash: null,
      custom_email_started_at: null,
      custom_email_started_by: null,
      updated_at: isoNow(deps),
    })
    .where('project_id', '=', projectId)
    .where((eb) => eb.or([eb('custom_email', 'is not', null), eb('custom_email_state', 'is not', null)]))
    .executeTakeFirst();
  return removed !== undefined || Number(cleared.numUpdatedRows) > 0;
}
