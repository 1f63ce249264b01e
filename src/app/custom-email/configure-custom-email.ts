// Setting a project's own address and its SMTP account (SD-90…SD-92, SD-100), inside the settings update's
// transaction. The fields given are merged with what is stored; any real change starts verification again
// (SD-93), which switches the address off until it is verified. The password is sealed at once; a new host
// or username needs it entered again, so a stored password is never sent to a server it was not typed for.
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
import type { Executor } from '../../db/database.ts';
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
}

const FIELDS = [
  'custom_email',
  'custom_email_smtp_address',
  'custom_email_smtp_port',
  'custom_email_smtp_username',
  'custom_email_smtp_password',
  'custom_email_smtp_authentication',
] as const;

export const touchesCustomEmail = (input: CustomEmailInput) => FIELDS.some((field) => input[field] !== undefined);

/** Format checks that need no database (SD-90, SD-91); each problem is a 400 naming its field. */
export function checkCustomEmailInput(deps: Pick<Deps, 'config'>, input: CustomEmailInput): CustomEmailInput {
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
  return { ...input, custom_email: email, custom_email_smtp_address: host, custom_email_smtp_username: username };
}

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
  input: CustomEmailInput,
): Promise<ServiceDeskSettingsRow> {
  if (input.custom_email === null) {
    await resetCustomEmailOf(trx, deps, project.id);
    return trx.selectFrom('service_desk_settings').selectAll().where('project_id', '=', project.id).executeTakeFirstOrThrow();
  }
  const stored = await findCredentials(trx, project.id);
  const next = {
    email: input.custom_email ?? current.custom_email,
    host: input.custom_email_smtp_address ?? stored?.smtp_address,
    port: input.custom_email_smtp_port ?? stored?.smtp_port ?? DEFAULT_SMTP_PORT,
    username: input.custom_email_smtp_username ?? stored?.smtp_username,
    method: input.custom_email_smtp_authentication !== undefined ? input.custom_email_smtp_authentication : (stored?.smtp_authentication ?? null),
  };
  const missing = [
    !next.email && 'custom_email',
    !next.host && 'custom_email_smtp_address',
    !next.username && 'custom_email_smtp_username',
    !stored && input.custom_email_smtp_password === undefined && 'custom_email_smtp_password',
  ].filter((field): field is string => typeof field === 'string');
  if (missing.length > 0) {
    throw new DomainError('invalid', `A custom email needs ${missing.join(', ')} as well`, Object.fromEntries(missing.map((field) => [field, 'is missing'])));
  }
  const accountMoved = stored !== undefined && (next.host !== stored.smtp_address || next.username !== stored.smtp_username);
  if (accountMoved && input.custom_email_smtp_password === undefined) {
    throw invalid('custom_email_smtp_password', 'must be entered again when the SMTP address or username changes');
  }
  const changed =
    input.custom_email_smtp_password !== undefined ||
    next.email !== current.custom_email ||
    next.host !== stored?.smtp_address ||
    next.port !== stored?.smtp_port ||
    next.username !== stored?.smtp_username ||
    next.method !== (stored?.smtp_authentication ?? null);
  if (!changed) return current;
  const now = isoNow(deps);
  const account = {
    smtp_address: next.host!,
    smtp_port: next.port,
    smtp_username: next.username!,
    smtp_authentication: next.method,
    updated_at: now,
    ...(input.custom_email_smtp_password !== undefined && { smtp_password_sealed: deps.secrets.seal(input.custom_email_smtp_password, 'smtp_password') }),
  };
  if (stored) await trx.updateTable('custom_email_credentials').set(account).where('project_id', '=', project.id).execute();
  else
    await trx
      .insertInto('custom_email_credentials')
      .values({ ...account, project_id: project.id, smtp_password_sealed: account.smtp_password_sealed!, created_at: now })
      .execute();
  // A unique violation here (the address is another project's) rolls all of it back, the credential too (SD-92).
  await trx.updateTable('service_desk_settings').set({ custom_email: next.email, updated_at: now }).where('project_id', '=', project.id).execute();
  return startVerification(trx, deps, project, actor.kind === 'user' ? actor.userId : null);
}

/** SD-100: the credential, the verification and the address go; false when there was nothing to reset. */
export async function resetCustomEmailOf(trx: Executor, deps: Pick<Deps, 'clock'>, projectId: number): Promise<boolean> {
  const removed = await trx.deleteFrom('custom_email_credentials').where('project_id', '=', projectId).executeTakeFirst();
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
  return Number(removed.numDeletedRows) > 0 || Number(cleared.numUpdatedRows) > 0;
}
