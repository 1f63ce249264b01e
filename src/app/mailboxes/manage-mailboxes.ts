// A project's own IMAP mailboxes (issue 8): where a provider cannot forward mail to Postdesk, a maintainer
// connects the mailbox itself. The password is sealed with SECRET_KEY at once and never returned; the URL
// comes back with it masked. A mailbox of Microsoft 365 or Gmail, which refuse passwords, comes with OAuth 2.0
// credentials instead (app/oauth2/), sealed the same way, and a URL without a password. The same mailbox
// (account and folder on a server) can be read for one owner only, the instance's IMAP_URL included, or two
// readers would race for its mail.
import { imapMailboxIdentity, imapUrlWithoutPassword, parseImapUrl } from '../../config/imap-url.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { isUniqueViolation } from '../../db/database.ts';
import { isoNow, type Deps } from '../deps.ts';
import { checkOAuth2Input, deleteOAuth2Grant, insertOAuth2Grant, oauth2GrantsById, type OAuth2Input } from '../oauth2/oauth2-grants.ts';
import { loadProjectFor } from '../projects/project-access.ts';
import { mailboxView, type MailboxView } from './mailbox-view.ts';

/** A new mailbox row's reading state: never connected, nothing taken yet. */
export const NOT_YET_READ = {
  heartbeat_at: null,
  last_fetch_at: null,
  last_error: null,
  last_error_at: null,
  uid_validity: null,
  last_uid: null,
} as const;

export interface AddMailboxInput {
  imapUrl: string;
  moveTo?: string | null;
  /** Instead of a password in the URL. */
  oauth2?: OAuth2Input | null;
}

export async function addMailbox(deps: Deps, actor: Actor, ref: string, input: AddMailboxInput): Promise<MailboxView> {
  const account = parseImapUrl(input.imapUrl.trim(), { password: input.oauth2 ? 'none' : 'required' });
  if (typeof account === 'string') throw invalid('imap_url', account);
  const oauth2 = input.oauth2 ? checkOAuth2Input(deps, input.oauth2, 'imap') : null;
  const moveTo = input.moveTo?.trim() || null;
  if (moveTo !== null && moveTo === account.mailbox) throw invalid('move_to', 'must be another folder than the one read');
  const identity = imapMailboxIdentity(account);
  const taken = conflict('This mailbox is already read by Postdesk', { imap_url: 'taken' });
  if (deps.config.imap && imapMailboxIdentity(deps.config.imap.account) === identity) throw taken;
  try {
    return await deps.db.transaction(async ({ trx }) => {
      const { project } = await loadProjectFor(trx, actor, ref, 'manage_mailboxes');
      const grantId = oauth2 ? await insertOAuth2Grant(trx, deps, project.id, oauth2) : null;
      const row = await trx
        .insertInto('mailboxes')
        .values({
          project_id: project.id,
          identity,
          url_without_password: imapUrlWithoutPassword(account),
          password_sealed: oauth2 ? null : deps.secrets.seal(account.password, 'imap_password'),
          oauth2_grant_id: grantId,
          move_to: moveTo,
          created_at: isoNow(deps),
          ...NOT_YET_READ,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return mailboxView(row, deps.clock(), (await oauth2GrantsById(trx, [grantId])).get(grantId ?? -1));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken;
    throw error;
  }
}

export async function listProjectMailboxes(deps: Deps, actor: Actor, ref: string): Promise<MailboxView[]> {
  const { project } = await loadProjectFor(deps.db.db, actor, ref, 'manage_mailboxes');
  const rows = await deps.db.db.selectFrom('mailboxes').selectAll().where('project_id', '=', project.id).orderBy('id').execute();
  const grants = await oauth2GrantsById(
    deps.db.db,
    rows.map((row) => row.oauth2_grant_id),
  );
  const now = deps.clock();
  return rows.map((row) => mailboxView(row, now, grants.get(row.oauth2_grant_id ?? -1)));
}

/** Its reader lets go at its next look (mail/inbound/imap); the mail it stored stays. */
export async function removeMailbox(deps: Deps, actor: Actor, ref: string, id: number): Promise<void> {
  await deps.db.transaction(async ({ trx }) => {
    const { project } = await loadProjectFor(trx, actor, ref, 'manage_mailboxes');
    const removed = await trx.deleteFrom('mailboxes').where('project_id', '=', project.id).where('id', '=', id).returning('oauth2_grant_id').executeTakeFirst();
    if (!removed) throw notFound('Mailbox');
    // Its OAuth 2.0 credentials go with it: nothing else uses them.
    if (removed.oauth2_grant_id !== null) await deleteOAuth2Grant(trx, removed.oauth2_grant_id);
  });
}
