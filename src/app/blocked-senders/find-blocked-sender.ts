// The ingest job's question: is any of these senders blocked in this project? One query on the
// (project_id, value) key with every value that would block them (domain/blocked-sender.ts blockingValues).
import { type BlockedSenderEntry, blockingValues } from '../../domain/blocked-sender.ts';
import type { Executor } from '../../db/database.ts';

export interface BlockedMatch {
  /** The sender's address as the mail gave it. */
  address: string;
  entry: BlockedSenderEntry;
}

export async function findBlockedSender(executor: Executor, projectId: number, addresses: ReadonlyArray<string | null>): Promise<BlockedMatch | undefined> {
  const candidates = addresses.filter((a): a is string => !!a).map((address) => ({ address, values: blockingValues(address) }));
  const values = [...new Set(candidates.flatMap((c) => c.values))];
  if (values.length === 0) return undefined;
  const rows = await executor
    .selectFrom('blocked_senders')
    .select(['kind', 'value'])
    .where('project_id', '=', projectId)
    .where('value', 'in', values)
    .execute();
  // The first address that is blocked, by its most specific entry (the address itself before its domain).
  for (const { address, values: own } of candidates) {
    for (const value of own) {
      const row = rows.find((r) => r.value === value);
      if (row) return { address, entry: { kind: row.kind, value: row.value } };
    }
  }
  return undefined;
}
