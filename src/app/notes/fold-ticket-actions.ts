// Turns /close, /reopen, /confidential, /label, /unlabel, /assign and /unassign into one set of ticket
// changes, as GitLab merges a note's commands into one update (the last /close or /reopen wins).
// Labels and assignees become whole sets, which is what applyTicketChanges takes.
import type { Actor } from '../../domain/actor.ts';
import { MAX_LABELS, labelProblem } from '../../domain/label-rules.ts';
import type { QuickAction } from '../../domain/quick-actions.ts';
import type { Executor } from '../../db/database.ts';
import type { TicketRow } from '../../db/schema/tickets.ts';
import { memberLevel } from '../projects/project-access.ts';
import type { TicketChanges } from '../tickets/apply-ticket-changes.ts';

const tilde = (label: string) => (/\s/.test(label) ? `~"${label}"` : `~${label}`);

export async function foldTicketActions(
  trx: Executor,
  ticket: TicketRow,
  actor: Actor,
  actions: QuickAction[],
): Promise<{ changes: TicketChanges; summary: string[] }> {
  const changes: TicketChanges = {};
  const summary: string[] = [];
  let labels: string[] | undefined;
  let assignees: number[] | undefined;
  for (const action of actions) {
    switch (action.command) {
      case 'close':
      case 'reopen':
        changes.state_event = action.command;
        summary.push(action.command === 'close' ? 'Closed this ticket.' : 'Reopened this ticket.');
        break;
      case 'confidential':
        changes.confidential = true;
        summary.push('Made this ticket confidential.');
        break;
      case 'label':
      case 'unlabel': {
        labels ??= (await trx.selectFrom('ticket_labels').select('label').where('ticket_id', '=', ticket.id).execute()).map((r) => r.label);
        let usable = action.labels.filter((l) => labelProblem(l) === null);
        for (const l of action.labels.filter((x) => labelProblem(x) !== null)) summary.push(`Skipped label ${tilde(l)}: ${labelProblem(l)}.`);
        if (action.command === 'label') {
          // A ticket carries at most MAX_LABELS (label-rules.ts): the rest are skipped, in one line.
          const had = new Set(labels);
          const room = Math.max(0, MAX_LABELS - had.size);
          const fresh = usable.filter((l) => !had.has(l));
          if (fresh.length > room) {
            const skipped = new Set(fresh.slice(room));
            summary.push(`Skipped ${skipped.size} label${skipped.size > 1 ? 's' : ''}: a ticket has at most ${MAX_LABELS}.`);
            usable = usable.filter((l) => !skipped.has(l));
          }
          if (!usable.length) continue;
          labels = [...labels, ...usable.filter((l) => !had.has(l))];
          summary.push(`Added ${usable.map(tilde).join(' ')} label${usable.length > 1 ? 's' : ''}.`);
        } else {
          // A bare /unlabel removes every label (GitLab).
          const gone = new Set(usable);
          labels = action.labels.length ? labels.filter((l) => !gone.has(l)) : [];
          summary.push(action.labels.length ? `Removed ${usable.map(tilde).join(' ')} label${usable.length > 1 ? 's' : ''}.` : 'Removed all labels.');
        }
        break;
      }
      case 'assign':
      case 'unassign': {
        assignees ??= (await trx.selectFrom('ticket_assignees').select('user_id').where('ticket_id', '=', ticket.id).execute()).map((r) => r.user_id);
        const { ids, unknown } = await resolveMembers(trx, ticket.project_id, actor, action.usernames);
        for (const name of unknown) summary.push(`Skipped @${name}: no such member of this project.`);
        if (action.command === 'assign') {
          if (!ids.length) continue;
          assignees = [...assignees, ...ids.filter((id) => !assignees!.includes(id))];
          summary.push(
            `Assigned ${action.usernames
              .filter((u) => !unknown.includes(u))
              .map((u) => `@${u}`)
              .join(' ')}.`,
          );
        } else {
          // A bare /unassign removes every assignee (GitLab).
          assignees = action.usernames.length ? assignees.filter((id) => !ids.includes(id)) : [];
          summary.push(
            action.usernames.length
              ? `Unassigned ${action.usernames
                  .filter((u) => !unknown.includes(u))
                  .map((u) => `@${u}`)
                  .join(' ')}.`
              : 'Removed all assignees.',
          );
        }
        break;
      }
    }
  }
  if (labels) changes.labels = labels;
  if (assignees) changes.assignee_ids = assignees;
  return { changes, summary };
}

/** `me` is the author; other names must belong to project members (GitLab: at least guest). */
async function resolveMembers(trx: Executor, projectId: number, actor: Actor, usernames: string[]): Promise<{ ids: number[]; unknown: string[] }> {
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const name of usernames) {
    const user =
      name.toLowerCase() === 'me' && actor.kind === 'user'
        ? { id: actor.userId }
        : await trx.selectFrom('users').select('id').where('username_lower', '=', name.toLowerCase()).executeTakeFirst();
    if (user && (await memberLevel(trx, projectId, user.id)) !== null) ids.push(user.id);
    else unknown.push(name);
  }
  return { ids, unknown };
}
