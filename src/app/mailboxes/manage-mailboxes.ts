// A project's own IMAP mailboxes (issue 8): where a provider cannot forward mail to Postdesk, a maintainer
// connects the mailbox itself. The password is sealed with SECRET_KEY at once and never returned; the URL
// comes back with it masked. The same mailbox (account and folder on a server) can be read for one owner
// only, the instance's IMAP_URL included, or two readers would race for its mail.
import { imapMailboxIdentity, imapUrlWithoutPassword, parseImapUrl } from '../../config/imap-url.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { isUniqueViolation } from '../../db/database.ts';
import { isoNow, type Deps } from '../deps.ts';
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
}

export async function addMailbox(deps: Deps, actor: Actor, ref: string, input: AddMailboxInput): Promise<MailboxView> {
  const account = parseImapUrl(input.imapUrl.trim());
  if (typeof account === 'string') throw invalid('imap_url', account);
  const moveTo = input.moveTo?.trim() || null;
  if (moveTo !== null && moveTo === account.mailbox) throw invalid('move_to', 'must be another folder than the one read');
  const identity = imapMailboxIdentity(account);
  const taken = conflict('This mailbox is already read by Postdesk', { imap_url: 'taken' });
  if (deps.config.imap && imapMailboxIdentity(deps.config.imap.account) === identity) throw taken;
  try {
    return await deps.db.transaction(async ({ trx }) => {
      const { project } = await loadProjectFor(trx, actor, ref, 'manage_mailboxes');
      const row = await trx
        .insertInto('mailboxes')
        .values({
          project_id: project.id,
          identity,
          url_without_password: imapUrlWithoutPassword(account),
          password_sealed: deps.secrets.seal(account.password, 'imap_password'),
          move_to: moveTo,
          created_at: isoNow(deps),
          ...NOT_YET_READ,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return mailboxView(row, deps.clock());
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken;
    throw error;
  }
}

export async function listProjectMailboxes(deps: Deps, actor: Actor, ref: string): Promise<MailboxView[]> {
  const { project } = await loadProjectFor(deps.db.db, actor, ref, 'manage_mailboxes');
  const rows = await deps.db.db.selectFrom('mailboxes').selectAll().where('project_id', '=', project.id).orderBy('id').execute();
  const now = deps.clock();
  return rows.map((row) => mailboxView(row, now));
}

/** Its reader lets go at its next look (mail/inbound/imap); the mail it stored stays. */
export async function removeMailbox(deps: Deps, actor: Actor, ref: string, id: number): Promise<void> {
  await deps.db.transaction(async ({ trx }) => {
    const { project } = await loadProjectFor(trx, actor, ref, 'manage_mailboxes');
    const removed = await trx.deleteFrom('mailboxes').where('project_id', '=', project.id).where('id', '=', id).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('Mailbox');
  });
}
