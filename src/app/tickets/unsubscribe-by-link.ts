// SD-81 and RFC 8058: the `List-Unsubscribe` link of every mail we send. Looking the link up never
// changes anything (mail scanners follow links); only `unsubscribeByLink` (the one-click POST) removes.
import { normaliseEmail } from '../../domain/participant-rules.ts';
import { REPLY_KEY_PATTERN } from '../../domain/reply-key.ts';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import { hashToken } from '../secrets.ts';
import { unsubscribeRecipient } from './unsubscribe-recipient.ts';

/** What the confirmation page may show: the ticket, never other participants' addresses. */
export interface UnsubscribeTarget {
  ticketId: number;
  iid: number;
  title: string;
  email: string;
  subscribed: boolean;
}

/** The ticket and recipient a reply key was made for; undefined for a key we never issued. */
export async function findUnsubscribeTarget(executor: Executor, key: string): Promise<UnsubscribeTarget | undefined> {
  const lower = key.toLowerCase();
  if (!REPLY_KEY_PATTERN.test(lower)) return undefined;
  const row = await executor
    .selectFrom('reply_keys as k')
    .innerJoin('tickets as t', 't.id', 'k.ticket_id')
    .select(['t.id', 't.iid', 't.title', 'k.email'])
    .where('k.key_hash', '=', hashToken(lower))
    .executeTakeFirst();
  if (!row) return undefined;
  const participant = await executor
    .selectFrom('participants')
    .select('id')
    .where('ticket_id', '=', row.id)
    .where('email_lower', '=', normaliseEmail(row.email))
    .executeTakeFirst();
  return { ticketId: row.id, iid: row.iid, title: row.title, email: row.email, subscribed: participant !== undefined };
}

/** Idempotent: a second request finds the recipient gone and does nothing. Undefined for an unknown key. */
export async function unsubscribeByLink(deps: Deps, key: string): Promise<(UnsubscribeTarget & { removed: boolean }) | undefined> {
  return deps.db.transaction(async ({ trx }) => {
    const target = await findUnsubscribeTarget(trx, key);
    if (!target) return undefined;
    const removed = await unsubscribeRecipient(trx, target.ticketId, target.email, 'through the link', deps.clock().toISOString());
    return { ...target, subscribed: false, removed };
  });
}
