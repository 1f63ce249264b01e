// Runs the quick actions of an agent's note inside the note's transaction. Each needs the permission of
// the API change it stands for (`update_ticket`, `manage_participants`); as in GitLab's
// QuickActions::InterpretService, a command the author may not run is still taken out of the text and
// does nothing but say so. State, labels, assignees and confidentiality are folded into one change set
// and applied by applyTicketChanges, the PUT endpoint's code, so the system notes are the same.
import type { Actor } from '../../domain/actor.ts';
import { decideProject, type ProjectAccess, type ProjectAction } from '../../domain/policy.ts';
import type { QuickAction, QuickActionCommand } from '../../domain/quick-actions.ts';
import { deskDisplayName } from '../../domain/ticket-mail.ts';
import type { Executor } from '../../db/database.ts';
import type { TicketRow } from '../../db/schema/tickets.ts';
import type { Deps } from '../deps.ts';
import { projectWithSettings } from '../tickets/load-ticket-context.ts';
import { notifyAssignees } from '../notifications/notify-team.ts';
import { applyTicketChanges, type TicketChanges } from '../tickets/apply-ticket-changes.ts';
import { foldTicketActions } from './fold-ticket-actions.ts';
import { addEmails, convertToTicket, removeEmails, type ParticipantTarget } from './quick-action-participants.ts';

export interface QuickActionResult {
  ticket: TicketRow;
  /** What the commands changed, in the PUT endpoint's terms plus the participants touched. */
  changes: TicketChanges & { add_emails?: string[]; remove_emails?: string[]; convert_to_ticket?: string };
  /** One sentence per command, for the agent. */
  summary: string[];
  /** New participants: greeted with new_participant (SD-78), so the note that added them is not mailed to them. */
  newParticipants: string[];
  /** The customer a conversion added: mailed nothing at all (SD-85). */
  converted: string | null;
  /** The system notes of the ticket changes. */
  noteIds: number[];
}

const NEEDS: Record<QuickActionCommand, ProjectAction> = {
  close: 'update_ticket',
  reopen: 'update_ticket',
  confidential: 'update_ticket',
  label: 'update_ticket',
  unlabel: 'update_ticket',
  assign: 'update_ticket',
  unassign: 'update_ticket',
  add_email: 'manage_participants',
  remove_email: 'manage_participants',
  convert_to_ticket: 'update_ticket',
};

export async function applyQuickActions(
  trx: Executor,
  deps: Pick<Deps, 'config' | 'clock'>,
  target: { ticket: TicketRow; actor: Actor; access: ProjectAccess; authorId: number; now: string },
  actions: QuickAction[],
): Promise<QuickActionResult> {
  const summary: string[] = [];
  const allowed = actions.filter((a) => {
    if (decideProject(target.actor, NEEDS[a.command], target.access) === 'allowed') return true;
    summary.push(`You are not allowed to run /${a.command} on this ticket.`);
    return false;
  });
  const folded = await foldTicketActions(trx, target.ticket, target.actor, allowed);
  summary.push(...folded.summary);
  let { ticket } = target;
  let noteIds: number[] = [];
  if (Object.keys(folded.changes).length) {
    const applied = await applyTicketChanges(trx, { ticket, projectId: ticket.project_id, authorId: target.authorId, now: target.now }, folded.changes);
    ticket = applied.ticket;
    noteIds = applied.noteIds;
    await notifyAssignees(trx, deps, { ticket, userIds: applied.newAssignees, actorId: target.authorId });
  }
  const result: QuickActionResult = { ticket, changes: { ...folded.changes }, summary, newParticipants: [], converted: null, noteIds };
  const people = allowed.filter((a) => a.command === 'add_email' || a.command === 'remove_email' || a.command === 'convert_to_ticket');
  if (people.length) await applyParticipantActions(trx, deps, target, result, people);
  return result;
}

async function applyParticipantActions(
  trx: Executor,
  deps: Pick<Deps, 'config' | 'clock'>,
  target: { authorId: number; now: string },
  result: QuickActionResult,
  actions: QuickAction[],
) {
  const { project, settings, ownAddresses } = await projectWithSettings(trx, deps, result.ticket.project_id);
  const base = {
    project,
    ownAddresses,
    confidentialByDefault: settings.tickets_confidential_by_default === 1,
    deskEnabled: settings.enabled === 1,
    fromName: deskDisplayName(settings.outgoing_name),
    authorId: target.authorId,
    now: target.now,
  };
  for (const action of actions) {
    const people: ParticipantTarget = { ...base, ticket: result.ticket };
    if (action.command === 'add_email') {
      const { added, summary } = await addEmails(trx, deps, people, action.emails);
      result.newParticipants.push(...added);
      if (added.length) result.changes.add_emails = [...(result.changes.add_emails ?? []), ...added];
      result.summary.push(...summary);
    } else if (action.command === 'remove_email') {
      const { removed, summary } = await removeEmails(trx, people, action.emails);
      if (removed.length) result.changes.remove_emails = [...(result.changes.remove_emails ?? []), ...removed];
      result.summary.push(...summary);
    } else if (action.command === 'convert_to_ticket') {
      const { converted, summary } = await convertToTicket(trx, people, action.email);
      if (converted) {
        result.converted = converted;
        result.changes.convert_to_ticket = converted;
        result.ticket = await trx.selectFrom('tickets').selectAll().where('id', '=', result.ticket.id).executeTakeFirstOrThrow();
      }
      result.summary.push(...summary);
    }
  }
}
