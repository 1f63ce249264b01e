// The states of an outbox row as delivery moves it: queued → sending → sent | kept | failed | uncertain.
// A mail that fails for good leaves an internal system note on its ticket, so the team sees it there.
import { CommitGroup } from '../../db/commit-group.ts';
import type { Executor } from '../../db/database.ts';
import type { OutboundState } from '../../db/schema/outbound-messages.ts';
import type { Deps } from '../deps.ts';
import { announceNotes, announceOutbound } from '../events/announce.ts';
import { addSystemNote } from '../notes/system-note.ts';
import { supportBot } from '../users/support-bot.ts';

type Change = { state: Exclude<OutboundState, 'failed'>; raw?: string; error?: string | null; countAttempt?: boolean } | { state: 'failed'; error: string };

export async function recordDelivery(deps: Pick<Deps, 'db' | 'clock' | 'events'>, id: number, change: Change): Promise<void> {
  const update: DeliveryUpdate = { id, change, now: deps.clock().toISOString() };
  // A failure also notes it on the ticket: two writes, one transaction.
  if (change.state === 'failed') return deps.db.transaction(({ trx }) => writeDelivery(deps, trx, update));
  // Any other state but sending is one UPDATE, atomic alone: no transaction around it (two statements fewer per mail).
  if (change.state !== 'sending') return deps.db.statement((db) => writeDelivery(deps, db, update));
  // A mail marked sending is never sent again blindly, even after a power cut: that commit is durable, and
  // deliveries running side by side share it (db/commit-group.ts).
  await CommitGroup.shared(deps.db, ({ trx }, item: DeliveryUpdate) => writeDelivery(deps, trx, item)).add(update);
}

interface DeliveryUpdate {
  id: number;
  change: Change;
  now: string;
}

async function writeDelivery(deps: Pick<Deps, 'db' | 'events'>, trx: Executor, { id, change, now }: DeliveryUpdate): Promise<void> {
  const row = await trx
    .updateTable('outbound_messages')
    .set((eb) => ({
      state: change.state,
      ...('raw' in change && change.raw !== undefined && { raw: change.raw }),
      ...('error' in change && { error: change.error?.slice(0, 2000) ?? null }),
      ...(change.state === 'sent' || change.state === 'kept' ? { sent_at: now } : {}),
      ...('countAttempt' in change && change.countAttempt && { attempts: eb('attempts', '+', 1) }),
    }))
    .where('id', '=', id)
    .returning(['ticket_id', 'project_id', 'to_address', 'kind'])
    .executeTakeFirst();
  if (row) announceOutbound(deps, trx, { id, projectId: row.project_id, state: change.state });
  if (change.state === 'failed' && row?.ticket_id) await announceNotes(deps, trx, [await noteFailure(trx, row.ticket_id, row.to_address, change.error, now)]);
}

async function noteFailure(trx: Executor, ticketId: number, to: string, error: string, now: string): Promise<number> {
  const bot = await supportBot(trx);
  return addSystemNote(trx, { ticketId, body: `could not deliver mail to ${to}: ${error.slice(0, 500)}`, internal: true, authorId: bot.id, now });
}
