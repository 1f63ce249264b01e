// What the IMAP readers (mail/inbound/imap) need from the database, and what they record there: which
// mailboxes exist (with their passwords opened, or the OAuth 2.0 credentials to ask a token of), and each reader's state — connected, heartbeat, last
// fetch, backlog, last error, the UIDVALIDITY and highest UID taken. Only the process holding a mailbox's
// lock writes its state.
import { imapMailboxIdentity, imapUrlWithoutPassword, parseImapUrl, type ImapAccount } from '../../config/imap-url.ts';
import { fillTemplate, projectIdKey } from '../../domain/service-desk-addresses.ts';
import { isUniqueViolation } from '../../db/database.ts';
import { isoNow, type Deps } from '../deps.ts';
import { NOT_YET_READ } from './manage-mailboxes.ts';

export interface MailboxToRead {
  id: number;
  /** Keys its lock and the UIDs stored from it. */
  identity: string;
  /** `password` is '' when the mailbox signs in with OAuth 2.0. */
  account: ImapAccount;
  /** Set: sign in with XOAUTH2, an access token of these credentials (mail/oauth2/access-tokens.ts). */
  oauth2GrantId: number | null;
  moveTo: string | null;
  /**
   * The envelope its mail is received with, as if an MTA had delivered it: a project's own mailbox holds
   * mail for that project, so its messages arrive addressed to the project's service desk address, and
   * route there unless a reply key in them says otherwise. The instance's mailbox has none: its mail
   * carries our addresses in To, Delivered-To, Envelope-To and the rest (SD-14).
   */
  envelopeTo: string[];
}

/**
 * Makes the instance's mailbox row match IMAP_URL (or removes it when IMAP_URL is unset). Processes starting
 * together may race to insert it: the one that loses finds the row made, which is all it wanted.
 */
export async function syncInstanceMailbox(deps: Deps): Promise<void> {
  try {
    await syncInstanceMailboxOnce(deps);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

async function syncInstanceMailboxOnce(deps: Deps): Promise<void> {
  const imap = deps.config.imap;
  await deps.db.transaction(async ({ trx }) => {
    const current = await trx.selectFrom('mailboxes').select(['id', 'identity']).where('project_id', 'is', null).executeTakeFirst();
    if (!imap) {
      if (current) await trx.deleteFrom('mailboxes').where('id', '=', current.id).execute();
      return;
    }
    const identity = imapMailboxIdentity(imap.account);
    const fields = { url_without_password: imapUrlWithoutPassword(imap.account), move_to: imap.moveTo };
    if (current?.identity === identity) {
      await trx.updateTable('mailboxes').set(fields).where('id', '=', current.id).execute();
      return;
    }
    if (current) await trx.deleteFrom('mailboxes').where('id', '=', current.id).execute();
    // A project that connected this mailbox before IMAP_URL named it keeps it: the instance does not read it twice.
    const owned = await trx.selectFrom('mailboxes').select('id').where('identity', '=', identity).executeTakeFirst();
    if (owned) return;
    await trx
      .insertInto('mailboxes')
      .values({
        project_id: null,
        identity,
        ...fields,
        password_sealed: null,
        oauth2_grant_id: null,
        created_at: isoNow(deps),
        ...NOT_YET_READ,
      })
      .execute();
  });
}

/** Every mailbox to read, ready to connect; one whose password does not open is marked with the error and left out. */
export async function mailboxesToRead(deps: Deps): Promise<MailboxToRead[]> {
  const rows = await deps.db.db
    .selectFrom('mailboxes as m')
    .leftJoin('projects as p', 'p.id', 'm.project_id')
    .select(['m.id', 'm.identity', 'm.project_id', 'm.password_sealed', 'm.oauth2_grant_id', 'm.move_to', 'm.url_without_password', 'p.path'])
    .orderBy('m.id')
    .execute();
  const out: MailboxToRead[] = [];
  for (const row of rows) {
    if (row.project_id === null) {
      const imap = deps.config.imap;
      if (imap && imapMailboxIdentity(imap.account) === row.identity)
        out.push({ id: row.id, identity: row.identity, account: imap.account, oauth2GrantId: null, moveTo: row.move_to, envelopeTo: [] });
      continue;
    }
    let password = '';
    try {
      // An OAuth 2.0 mailbox has no password; its token is fetched when its reader connects.
      if (row.oauth2_grant_id === null) password = deps.secrets.open(row.password_sealed ?? '', 'imap_password');
    } catch (error) {
      await recordMailboxState(deps, row.id, { last_error: (error as Error).message, last_error_at: isoNow(deps) });
      continue;
    }
    const account = accountOf(row.url_without_password, password);
    const envelopeTo = row.path ? [fillTemplate(deps.config.incomingEmailAddress, projectIdKey({ id: row.project_id, path: row.path }))] : [];
    if (account) out.push({ id: row.id, identity: row.identity, account, oauth2GrantId: row.oauth2_grant_id, moveTo: row.move_to, envelopeTo });
  }
  return out;
}

/** The stored URL carries everything but the password (masked, or absent for OAuth 2.0). */
function accountOf(urlWithoutPassword: string, password: string): ImapAccount | null {
  const account = parseImapUrl(urlWithoutPassword, { password: password === '' ? 'none' : 'required' });
  return typeof account === 'string' ? null : { ...account, password };
}

export interface MailboxState {
  connected?: 0 | 1;
  heartbeat_at?: string;
  last_fetch_at?: string;
  backlog?: number;
  last_error?: string | null;
  last_error_at?: string;
  uid_validity?: string;
  last_uid?: number | null;
}

export async function recordMailboxState(deps: Deps, id: number, state: MailboxState): Promise<void> {
  await deps.db.db.updateTable('mailboxes').set(state).where('id', '=', id).execute();
}

export async function readUidState(deps: Deps, id: number): Promise<{ uidValidity: string | null; lastUid: number | null } | undefined> {
  const row = await deps.db.db.selectFrom('mailboxes').select(['uid_validity', 'last_uid']).where('id', '=', id).executeTakeFirst();
  return row && { uidValidity: row.uid_validity, lastUid: row.last_uid };
}
