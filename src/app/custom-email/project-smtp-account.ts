// The SMTP account a project's mail goes out through once its custom address is on (SD-98), read back
// for each delivery: a password changed meanwhile is used by the next attempt. The password is opened
// here and handed only to the sender; it is never logged or returned. An account with OAuth 2.0 credentials
// names them; the sender asks ctx.oauth2 for an access token at each login.
import type { Executor } from '../../db/database.ts';
import type { CustomEmailCredentialsRow } from '../../db/schema/custom-email-credentials.ts';
import type { SmtpAccount } from '../../domain/smtp-account.ts';
import type { Deps } from '../deps.ts';

export interface ProjectSmtpAccount {
  account: SmtpAccount;
  /** The custom address: the envelope sender and the From of what goes out through the account. */
  address: string;
}

/** null when the project has no account (never configured, or reset). Throws when the sealed password does not open. */
export async function findProjectSmtpAccount(deps: Pick<Deps, 'db' | 'secrets'>, projectId: number): Promise<ProjectSmtpAccount | null> {
  const row = await deps.db.db
    .selectFrom('custom_email_credentials as c')
    .innerJoin('service_desk_settings as s', 's.project_id', 'c.project_id')
    .selectAll('c')
    .select('s.custom_email')
    .where('c.project_id', '=', projectId)
    .executeTakeFirst();
  if (!row?.custom_email) return null;
  return { account: smtpAccountOf(deps, row), address: row.custom_email };
}

export function smtpAccountOf(deps: Pick<Deps, 'secrets'>, row: CustomEmailCredentialsRow): SmtpAccount {
  return {
    host: row.smtp_address,
    port: row.smtp_port,
    username: row.smtp_username,
    auth:
      row.oauth2_grant_id !== null
        ? { kind: 'oauth2', grantId: row.oauth2_grant_id }
        : { kind: 'password', password: deps.secrets.open(row.smtp_password_sealed ?? '', 'smtp_password') },
    method: row.oauth2_grant_id !== null ? null : row.smtp_authentication,
  };
}

export async function findCredentials(executor: Executor, projectId: number): Promise<CustomEmailCredentialsRow | undefined> {
  return executor.selectFrom('custom_email_credentials').selectAll().where('project_id', '=', projectId).executeTakeFirst();
}
