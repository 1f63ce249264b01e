// The changes a ticket can undergo — state, labels, assignees, confidentiality, title, description —
// applied inside the caller's transaction. The PUT endpoint and agents' quick actions both come here, so
// each change leaves the same system note whichever way it was asked for. None of them mails the
// customer (SD-61). Permission is the caller's job.
import { invalid, notFound } from '../../domain/errors.ts';
import { labelsProblem, normaliseLabels } from '../../domain/label-rules.ts';
import type { Executor } from '../../db/database.ts';
import type { TicketRow } from '../../db/schema/tickets.ts';
import { addSystemNote } from '../notes/system-note.ts';
import { memberLevel } from '../projects/project-access.ts';

export interface TicketChanges {
  title?: string;
  description?: string;
  state_event?: 'close' | 'reopen';
  /** The whole new set. */
  labels?: string[];
  /** The whole new set. */
  assignee_ids?: number[];
  confidential?: boolean;
}

/** Applies `changes` and writes one system note per change, by `authorId`; returns the ticket, the notes (texts and ids) and who was newly assigned (to be told). */
export async function applyTicketChanges(
  trx: Executor,
  target: { ticket: TicketRow; projectId: number; authorId: number; now: string },
  changes: TicketChanges,
): Promise<{ ticket: TicketRow; notes: string[]; noteIds: number[]; newAssignees: number[] }> {
  const { ticket, projectId, authorId, now } = target;
  const notes: string[] = [];
  const closing = changes.state_event === 'close' && ticket.state === 'opened';
  const reopening = changes.state_event === 'reopen' && ticket.state === 'closed';
  if (closing) notes.push('closed');
  if (reopening) notes.push('reopened');
  if (changes.confidential !== undefined && changes.confidential !== (ticket.confidential === 1)) {
    notes.push(changes.confidential ? 'made the ticket confidential' : 'made the ticket visible to everyone in the project');
  }
  if (changes.labels) notes.push(...(await replaceLabels(trx, ticket.id, changes.labels)));
  let newAssignees: number[] = [];
  if (changes.assignee_ids) {
    const assigned = await replaceAssignees(trx, projectId, ticket.id, changes.assignee_ids);
    notes.push(...assigned.notes);
    newAssignees = assigned.added;
  }
  const updated = await trx
    .updateTable('tickets')
    .set({
      ...(changes.title !== undefined && { title: changes.title.trim().slice(0, 255) }),
      ...(changes.description !== undefined && { description: changes.description }),
      ...(changes.confidential !== undefined && { confidential: changes.confidential ? 1 : 0 }),
      ...(closing && { state: 'closed' as const, closed_at: now }),
      ...(reopening && { state: 'opened' as const, closed_at: null }),
      updated_at: now,
    })
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const noteIds: number[] = [];
  for (const body of notes) noteIds.push(await addSystemNote(trx, { ticketId: ticket.id, body, internal: false, authorId, now }));
  return { ticket: updated, notes, noteIds, newAssignees };
}

async function replaceLabels(trx: Executor, ticketId: number, wanted: string[]): Promise<string[]> {
  const labels = normaliseLabels(wanted);
  const problem = labelsProblem(labels);
  if (problem) throw invalid('labels', problem);
  const current = (await trx.selectFrom('ticket_labels').select('label').where('ticket_id', '=', ticketId).execute()).map((r) => r.label);
  const added = labels.filter((l) => !current.includes(l));
  const removed = current.filter((l) => !labels.includes(l));
  if (removed.length) await trx.deleteFrom('ticket_labels').where('ticket_id', '=', ticketId).where('label', 'in', removed).execute();
  if (added.length)
    await trx
      .insertInto('ticket_labels')
      .values(added.map((label) => ({ ticket_id: ticketId, label })))
      .execute();
  const tilde = (ls: string[]) => ls.map((l) => (/\s/.test(l) ? `~"${l}"` : `~${l}`)).join(' ');
  return [
    ...(added.length ? [`added ${tilde(added)} label${added.length > 1 ? 's' : ''}`] : []),
    ...(removed.length ? [`removed ${tilde(removed)} label${removed.length > 1 ? 's' : ''}`] : []),
  ];
}

async function replaceAssignees(trx: Executor, projectId: number, ticketId: number, wanted: number[]): Promise<{ notes: string[]; added: number[] }> {
  const ids = [...new Set(wanted)];
  for (const id of ids) {
    // Only project members can be assigned (GitLab: at least guest on the project).
    if ((await memberLevel(trx, projectId, id)) === null) throw notFound(`User ${id} in this project`);
  }
  const current = (await trx.selectFrom('ticket_assignees').select('user_id').where('ticket_id', '=', ticketId).execute()).map((r) => r.user_id);
  const added = ids.filter((id) => !current.includes(id));
  const removed = current.filter((id) => !ids.includes(id));
  if (removed.length) await trx.deleteFrom('ticket_assignees').where('ticket_id', '=', ticketId).where('user_id', 'in', removed).execute();
  if (added.length)
    await trx
      .insertInto('ticket_assignees')
      .values(added.map((user_id) => ({ ticket_id: ticketId, user_id })))
      .execute();
  const names = async (list: number[]) =>
    (await trx.selectFrom('users').select('username').where('id', 'in', list).execute()).map((u) => `@${u.username}`).join(', ');
  return { notes: [...(added.length ? [`assigned to ${await names(added)}`] : []), ...(removed.length ? [`unassigned ${await names(removed)}`] : [])], added };
}
