import type { BlockedSender } from '../../app/blocked-senders/blocked-senders.ts';

export const presentBlockedSender = (b: BlockedSender) => ({
  id: b.id,
  kind: b.kind,
  value: b.value,
  note: b.note,
  created_by: b.creator,
  created_at: b.created_at,
});
