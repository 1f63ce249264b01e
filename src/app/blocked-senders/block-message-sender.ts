// "Block sender" on a received message: its From (or the From's whole domain) joins the block list of the
// message's project. Who may see the message is the mail log's rule (maintainers, admins); who may block
// is the policy's `manage_blocked_senders` in that project. The message itself is left as it is.
import type { Actor } from '../../domain/actor.ts';
import { domainOf, parseBlockedSender } from '../../domain/blocked-sender.ts';
import { conflict } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { getInboundMessage } from '../mail-log/inbound-messages.ts';
import { type BlockedSender, blockSender } from './blocked-senders.ts';

export async function blockMessageSender(
  deps: Deps,
  actor: Actor,
  messageId: number,
  input: { scope: 'address' | 'domain'; note?: string | null },
): Promise<BlockedSender> {
  const message = await getInboundMessage(deps, actor, messageId);
  if (message.project_id === null) throw conflict('This message reached no project, so there is no block list to add its sender to');
  const from = message.from_address;
  const wanted = from && input.scope === 'domain' ? domainOf(from) : from;
  const entry = wanted ? parseBlockedSender(wanted) : null;
  if (!entry || 'problem' in entry) throw conflict('This message has no From address that can be blocked', { from: from ?? null });
  return blockSender(deps, actor, message.project_id, entry, input.note ?? null);
}
