import type { InboundState, OutboundState } from '../../../lib/admin-api-types.ts';

const TONE: Record<InboundState | OutboundState, string> = {
  processed: 'ok',
  sent: 'ok',
  received: 'pending',
  queued: 'pending',
  sending: 'pending',
  ignored: 'quiet',
  kept: 'kept',
  failed: 'bad',
  uncertain: 'warn',
};

/** A message's state as a coloured word (the word carries the meaning; colour only helps scanning). */
export function MailStateBadge({ state }: { state: InboundState | OutboundState }) {
  return <span className={`badge ml-state ml-state-${TONE[state]}`}>{state}</span>;
}
