// Blocked senders (issue 9), checked once routing knows the project: a new ticket's From, Reply-To and
// Sender (any of them could become the ticket's author, SD-30), a customer's reply's From (its author,
// SD-54), and the From of mail routing ignored at a project (a disabled desk would answer it `[Rejected]`).
// A blocked one makes the message `ignored: blocked_sender: …` with its project (so it is in that project's
// mail log) before anything is created or mailed. Not checked: a team member's reply through their own
// key (membership governs them), an unsubscribe (it only ever takes mail away), a custom address's
// verification mail (the desk's own), and mail that reached no project (there is no list to consult).
import { findBlockedSender } from '../../app/blocked-senders/find-blocked-sender.ts';
import type { Executor } from '../../db/database.ts';
import { describeEntry } from '../../domain/blocked-sender.ts';
import type { ParsedMessage } from './parsed-message.ts';
import type { RouteDecision } from './route.ts';

export interface BlockedOutcome {
  state: 'ignored';
  reason: string;
  project_id: number;
  ticket_id: number | null;
  matched_by: string | null;
}

export async function blockedSenderOutcome(executor: Executor, decision: RouteDecision, message: ParsedMessage): Promise<BlockedOutcome | null> {
  const target = await targetOf(executor, decision, message);
  if (!target) return null;
  const match = await findBlockedSender(executor, target.projectId, target.senders);
  if (!match) return null;
  return {
    state: 'ignored',
    reason: `blocked_sender: ${match.address} is blocked in this project (${describeEntry(match.entry)})`,
    project_id: target.projectId,
    ticket_id: target.ticketId,
    matched_by: target.matchedBy,
  };
}

interface Target {
  projectId: number;
  ticketId: number | null;
  matchedBy: string | null;
  senders: Array<string | null>;
}

async function targetOf(executor: Executor, decision: RouteDecision, message: ParsedMessage): Promise<Target | null> {
  switch (decision.kind) {
    case 'open':
      return { projectId: decision.projectId, ticketId: null, matchedBy: decision.matchedBy, senders: [message.from, message.replyTo, message.sender] };
    case 'reply': {
      if (decision.member) return null;
      const ticket = await executor.selectFrom('tickets').select('project_id').where('id', '=', decision.ticketId).executeTakeFirst();
      if (!ticket) return null;
      return { projectId: ticket.project_id, ticketId: decision.ticketId, matchedBy: decision.matchedBy, senders: [message.from ?? message.sender] };
    }
    case 'ignore':
      return decision.projectId === undefined ? null : { projectId: decision.projectId, ticketId: null, matchedBy: null, senders: [message.from] };
    case 'unsubscribe':
    case 'verify_custom_email':
      return null;
  }
}
