// Reading and changing a project's service desk settings (SD-107), with the addresses computed from
// the instance templates (SD-03, SD-08, SD-12). The custom address and its account: custom-email/.
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { serviceDeskAddresses, type ServiceDeskAddresses } from '../../domain/service-desk-addresses.ts';
import { fullPathSlug } from '../../domain/slug.ts';
import { decideProject, type ProjectAccess } from '../../domain/policy.ts';
import type { SmtpAuthMethod } from '../../domain/smtp-account.ts';
import { projectKeyProblem } from '../../domain/validation.ts';
import { isUniqueViolation, type Executor } from '../../db/database.ts';
import type { ProjectRow } from '../../db/schema/projects.ts';
import type { ServiceDeskSettingsRow } from '../../db/schema/service-desk-settings.ts';
import { isoNow, type Deps } from '../deps.ts';
import { applyCustomEmail, checkCustomEmailInput, touchesCustomEmail, type CustomEmailInput } from '../custom-email/configure-custom-email.ts';
import { findCredentials } from '../custom-email/project-smtp-account.ts';
import { findOAuth2Grant, oauth2GrantView, type OAuth2GrantView } from '../oauth2/oauth2-grants.ts';
import { loadProjectFor } from '../projects/project-access.ts';

export interface ServiceDeskSettings {
  project: ProjectRow;
  settings: ServiceDeskSettingsRow;
  addresses: ServiceDeskAddresses;
  /** The custom address's SMTP account; null when there is none or the caller is below maintainer. */
  smtpAccount: SmtpAccountView | null;
}

export interface SmtpAccountView {
  host: string;
  port: number;
  username: string;
  authentication: SmtpAuthMethod | null;
  passwordSet: boolean;
  /** Its OAuth 2.0 credentials (no secret, no token) when it signs in with XOAUTH2; null with a password. */
  oauth2: OAuth2GrantView | null;
}

export interface ServiceDeskSettingsInput extends CustomEmailInput {
  enabled?: boolean;
  project_key?: string | null;
  outgoing_name?: string | null;
  tickets_confidential_by_default?: boolean;
  reopen_issue_on_external_participant_note?: boolean;
  add_external_participants_from_cc?: boolean;
  issue_template?: string | null;
  custom_email_enabled?: boolean;
}

export async function getServiceDeskSettings(deps: Deps, actor: Actor, ref: string): Promise<ServiceDeskSettings> {
  const { project, access } = await loadProjectFor(deps.db.db, actor, ref, 'read_service_desk');
  return withAddresses(deps, project, await settingsOf(deps.db.db, project.id), await accountViewFor(deps.db.db, actor, access, project.id));
}

export async function updateServiceDeskSettings(deps: Deps, actor: Actor, ref: string, input: ServiceDeskSettingsInput): Promise<ServiceDeskSettings> {
  const projectKey = input.project_key === undefined ? undefined : input.project_key?.trim() || null; // SD-09: blank is null
  if (projectKey) {
    const problem = projectKeyProblem(projectKey);
    if (problem) throw invalid('project_key', problem);
  }
  if (input.outgoing_name != null && input.outgoing_name.length > 255) throw invalid('outgoing_name', 'must be at most 255 characters');
  const customEmailInput = touchesCustomEmail(input) ? checkCustomEmailInput(deps, input) : null;
  try {
    return await deps.db.transaction(async ({ trx, onCommit }) => {
      const { project, access } = await loadProjectFor(trx, actor, ref, 'update_service_desk');
      if (projectKey) await refuseDuplicateKey(trx, project, projectKey);
      let updated = await trx
        .updateTable('service_desk_settings')
        .set({
          ...(input.enabled !== undefined && { enabled: input.enabled ? 1 : 0 }),
          ...(projectKey !== undefined && { project_key: projectKey }),
          ...(input.outgoing_name !== undefined && { outgoing_name: input.outgoing_name?.trim() || null }),
          ...(input.tickets_confidential_by_default !== undefined && { tickets_confidential_by_default: input.tickets_confidential_by_default ? 1 : 0 }),
          ...(input.reopen_issue_on_external_participant_note !== undefined && {
            reopen_issue_on_external_participant_note: input.reopen_issue_on_external_participant_note ? 1 : 0,
          }),
          ...(input.add_external_participants_from_cc !== undefined && { add_external_participants_from_cc: input.add_external_participants_from_cc ? 1 : 0 }),
          ...(input.issue_template !== undefined && { issue_template: input.issue_template?.trim() ? input.issue_template : null }),
          updated_at: isoNow(deps),
        })
        .where('project_id', '=', project.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      // After the other fields, so a verification mail started here already carries a new outgoing name.
      if (customEmailInput) {
        updated = await applyCustomEmail(trx, deps, actor, project, updated, customEmailInput);
        onCommit(() => deps.jobBell.ring());
      }
      if (input.custom_email_enabled !== undefined) {
        // SD-98: a custom address is switched on only once its forwarding has been verified.
        if (input.custom_email_enabled && updated.custom_email_state !== 'finished') {
          throw new DomainError('conflict', 'The custom email address can be enabled only after it has been verified', {
            custom_email_enabled: 'not_verified',
          });
        }
        updated = await trx
          .updateTable('service_desk_settings')
          .set({ custom_email_enabled: input.custom_email_enabled ? 1 : 0 })
          .where('project_id', '=', project.id)
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      return withAddresses(deps, project, updated, await accountViewFor(trx, actor, access, project.id));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'This custom email address is used by another project', { custom_email: 'taken' });
    throw error;
  }
}

/** The SMTP account as the caller may see it: maintainers and up only (SD-92), never its password, client secret or a token. */
export async function accountViewFor(executor: Executor, actor: Actor, access: ProjectAccess, projectId: number): Promise<SmtpAccountView | null> {
  if (decideProject(actor, 'manage_custom_email', access) !== 'allowed') return null;
  const row = await findCredentials(executor, projectId);
  if (!row) return null;
  const grant = row.oauth2_grant_id === null ? undefined : await findOAuth2Grant(executor, row.oauth2_grant_id);
  return {
    host: row.smtp_address,
    port: row.smtp_port,
    username: row.smtp_username,
    authentication: row.smtp_authentication,
    passwordSet: row.smtp_password_sealed !== null,
    oauth2: grant ? oauth2GrantView(grant) : null,
  };
}

export async function settingsOf(executor: Executor, projectId: number): Promise<ServiceDeskSettingsRow> {
  return executor.selectFrom('service_desk_settings').selectAll().where('project_id', '=', projectId).executeTakeFirstOrThrow();
}

export function withAddresses(deps: Deps, project: ProjectRow, settings: ServiceDeskSettingsRow, smtpAccount: SmtpAccountView | null): ServiceDeskSettings {
  const addresses = serviceDeskAddresses(
    { incoming: deps.config.incomingEmailAddress, alias: deps.config.serviceDeskAliasAddress },
    {
      id: project.id,
      path: project.path,
      projectKey: settings.project_key,
      customEmail: settings.custom_email,
      customEmailEnabled: settings.custom_email_enabled === 1,
    },
  );
  return { project, settings, addresses, smtpAccount };
}

/** SD-09: the same key is refused only when another project with the same slug uses it (their alias addresses would be equal). */
async function refuseDuplicateKey(trx: Executor, project: ProjectRow, projectKey: string): Promise<void> {
  const others = await trx
    .selectFrom('service_desk_settings as s')
    .innerJoin('projects as p', 'p.id', 's.project_id')
    .select('p.path')
    .where('s.project_key', '=', projectKey)
    .where('s.project_id', '!=', project.id)
    .execute();
  if (others.some((other) => fullPathSlug(other.path) === fullPathSlug(project.path))) {
    throw new DomainError('conflict', 'This project key is already in use for another service desk address', { project_key: 'taken' });
  }
}
