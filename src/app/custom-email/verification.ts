// The verification of a project's own address (SD-93…SD-97), as the transitions of SD-96:
//   start (any → started): a fresh 12-character token, kept only as its SHA-256; the mail carrying it
//     queued through the project's SMTP account (a durable outbox row, `sender_account = project`); a timer
//     job at +30 minutes; the owners and whoever started it told.
//   the forwarded mail comes back (verify-custom-email-mail.ts) → finished | failed.
//   the mail cannot be sent (SD-94), or nothing comes back in 30 minutes → failed.
// Every step names the verification it belongs to by its start time, so the late result of an earlier one
// (its timer, its delivery failure) never changes a newer one.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ACCESS_LEVELS } from '../../domain/access-levels.ts';
import { verificationMail, verificationResultMail, verificationTriggeredMail, type VerificationFacts } from '../../domain/custom-email-mails.ts';
import { VERIFICATION_TIMEFRAME_MS, verificationAddress, type CustomEmailError } from '../../domain/custom-email-verification.ts';
import { serviceDeskAddresses } from '../../domain/service-desk-addresses.ts';
import { deskDisplayName, mailbox } from '../../domain/ticket-mail.ts';
import type { Executor } from '../../db/database.ts';
import { queueJob } from '../job-kinds.ts';
import type { ProjectRow } from '../../db/schema/projects.ts';
import type { ServiceDeskSettingsRow } from '../../db/schema/service-desk-settings.ts';
import type { Deps } from '../deps.ts';
import { mailHost, newMessageId } from '../mail-identity.ts';
import { queueNoticeMail } from '../outbound/queue-notice-mail.ts';
import { hashToken } from '../secrets.ts';

export const VERIFICATION_MAIL_KIND = 'custom_email_verification';

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 12 characters of [A-Za-z0-9], uniform (bytes past the last whole multiple of 62 are drawn again): ~71 bits. */
export function newVerificationToken(): string {
  let token = '';
  while (token.length < 12) {
    for (const byte of randomBytes(16)) {
      if (byte < 248 && token.length < 12) token += TOKEN_ALPHABET[byte % 62];
    }
  }
  return token;
}

/** Compares the hashes, in constant time: how much of a guess was right never shows in the time taken. */
export function tokenMatchesHash(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** SD-93, inside the caller's transaction: the settings row must already carry the custom address and its account. */
export async function startVerification(
  trx: Executor,
  deps: Pick<Deps, 'config' | 'clock'>,
  project: ProjectRow,
  userId: number | null,
): Promise<ServiceDeskSettingsRow> {
  const now = deps.clock();
  const token = newVerificationToken();
  const settings = await trx
    .updateTable('service_desk_settings')
    .set({
      custom_email_state: 'started',
      custom_email_error: null,
      custom_email_token_hash: hashToken(token),
      custom_email_started_at: now.toISOString(),
      custom_email_started_by: userId,
      custom_email_enabled: 0, // SD-93: a restarted verification switches the address off
      updated_at: now.toISOString(),
    })
    .where('project_id', '=', project.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const customEmail = settings.custom_email!;
  const facts = verificationFacts(deps, project, settings);
  const mail = verificationMail(facts, token);
  const row = await trx
    .insertInto('outbound_messages')
    .values({
      kind: VERIFICATION_MAIL_KIND,
      project_id: project.id,
      ticket_id: null,
      note_id: null,
      from_header: mailbox(deskDisplayName(settings.outgoing_name), customEmail),
      to_address: verificationAddress(customEmail),
      subject: mail.subject,
      message_id: newMessageId(mailHost(deps.config)),
      in_reply_to: null,
      references: '',
      reply_to: null,
      // SD-93: `no`, on purpose — the mail must come back through the forwarding and be read, not screened out.
      headers: JSON.stringify({ 'Auto-Submitted': 'no' }),
      text_body: mail.text,
      html_body: null,
      raw: null,
      state: 'queued',
      error: null,
      created_at: now.toISOString(),
      sent_at: null,
      sender_account: 'project',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await queueJob(trx, 'deliver_verification_mail', { outboundMessageId: row.id }, now);
  await queueJob(
    trx,
    'custom_email_verification_timeout',
    { projectId: project.id, startedAt: now.toISOString() },
    now,
    new Date(now.getTime() + VERIFICATION_TIMEFRAME_MS),
  );
  const notice = verificationTriggeredMail(facts);
  for (const to of await recipientsOf(trx, project.id, userId)) {
    await queueNoticeMail(trx, deps, { kind: 'custom_email_verification_triggered', projectId: project.id, to, ...notice });
  }
  return settings;
}

/**
 * started → finished | failed, once: only while the verification begun at `startedAt` is still the one in
 * progress. Tells the owners and whoever started it (SD-97). Returns false when there was nothing to change.
 */
export async function concludeVerification(
  trx: Executor,
  deps: Pick<Deps, 'config' | 'clock'>,
  projectId: number,
  startedAt: string,
  error: CustomEmailError | null,
): Promise<boolean> {
  const settings = await trx
    .updateTable('service_desk_settings')
    .set({
      custom_email_state: error ? 'failed' : 'finished',
      custom_email_error: error,
      custom_email_token_hash: null, // SD-95: the token is deleted either way; a new attempt makes a new one
      updated_at: deps.clock().toISOString(),
    })
    .where('project_id', '=', projectId)
    .where('custom_email_state', '=', 'started')
    .where('custom_email_started_at', '=', startedAt)
    .returningAll()
    .executeTakeFirst();
  if (!settings) return false;
  const project = await trx.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
  const result = verificationResultMail(verificationFacts(deps, project, settings), error);
  for (const to of await recipientsOf(trx, projectId, settings.custom_email_started_by)) {
    await queueNoticeMail(trx, deps, { kind: 'custom_email_verification_result', projectId, to, ...result });
  }
  return true;
}

/** SD-94: the verification mail could not be sent through the project's account. */
export async function failVerificationDelivery(deps: Deps, row: { project_id: number | null; created_at: string }, error: CustomEmailError): Promise<void> {
  if (row.project_id === null) return;
  const projectId = row.project_id;
  await deps.db.transaction(async ({ trx, onCommit }) => {
    if (await concludeVerification(trx, deps, projectId, row.created_at, error)) onCommit(() => deps.jobBell.ring());
  });
}

/** SD-95/96: 30 minutes passed and the mail did not come back. */
export async function expireVerification(deps: Deps, projectId: number, startedAt: string): Promise<void> {
  await deps.db.transaction(async ({ trx, onCommit }) => {
    if (await concludeVerification(trx, deps, projectId, startedAt, 'mail_not_received_within_timeframe')) onCommit(() => deps.jobBell.ring());
  });
}

export function verificationFacts(deps: Pick<Deps, 'config'>, project: ProjectRow, settings: ServiceDeskSettingsRow): VerificationFacts {
  const { incomingAddress } = serviceDeskAddresses(
    { incoming: deps.config.incomingEmailAddress, alias: deps.config.serviceDeskAliasAddress },
    { id: project.id, path: project.path, projectKey: settings.project_key, customEmail: settings.custom_email, customEmailEnabled: false },
  );
  return {
    customEmail: settings.custom_email ?? '',
    projectName: project.name,
    projectPath: project.path,
    forwardTo: incomingAddress,
    settingsUrl: `${deps.config.publicUrl}/projects/${encodeURIComponent(project.path)}/settings/service_desk`,
  };
}

/** SD-93: every owner of the project and whoever started the verification, once per address (lower-cased). */
async function recipientsOf(trx: Executor, projectId: number, starterId: number | null): Promise<string[]> {
  const owners = await trx
    .selectFrom('project_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.email')
    .where('m.project_id', '=', projectId)
    .where('m.access_level', '>=', ACCESS_LEVELS.owner)
    .where('u.state', '=', 'active')
    .execute();
  const starter = starterId === null ? [] : await trx.selectFrom('users').select('email').where('id', '=', starterId).where('state', '=', 'active').execute();
  const seen = new Map<string, string>();
  for (const { email } of [...owners, ...starter]) if (!seen.has(email.toLowerCase())) seen.set(email.toLowerCase(), email);
  return [...seen.values()];
}
