// Opening a project's event stream: the caller must be able to read its tickets; then each event is
// let through only when the caller could read what it is about through the API — a confidential
// ticket only to reporters and up or its author, an internal note only to those who may read internal
// notes, mail-log events only to those who may read the mail log. Events carry ids only, but even an
// id says that something exists.
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { authorizeTicket, decideProject, type ProjectAccess } from '../../domain/policy.ts';
import type { Deps } from '../deps.ts';
import { loadProjectFor } from '../projects/project-access.ts';
import type { DeskEvent } from './desk-event.ts';

export interface ProjectEventWatch {
  projectId: number;
  /** Whether this caller may hear of `event`. */
  mayHear(event: DeskEvent): boolean;
}

/** Throws `not_found`/`forbidden` as the tickets list would; call again to pick up changed access. */
export async function watchProjectEvents(deps: Pick<Deps, 'db'>, actor: Actor, projectRef: string): Promise<ProjectEventWatch> {
  const { project, access } = await loadProjectFor(deps.db.db, actor, projectRef, 'read_tickets');
  return { projectId: project.id, mayHear: (event) => mayHear(actor, access, event) };
}

export function mayHear(actor: Actor, access: ProjectAccess, event: DeskEvent): boolean {
  switch (event.type) {
    case 'ticket':
      return mayReadTicket(actor, access, event.ticket);
    case 'note':
      return mayReadTicket(actor, access, event.ticket) && (!event.data.internal || decideProject(actor, 'read_internal_notes', access) === 'allowed');
    case 'inbound':
    case 'outbound':
      return decideProject(actor, 'read_mail_log', access) === 'allowed';
  }
}

function mayReadTicket(actor: Actor, access: ProjectAccess, ticket: { confidential: boolean; authorId: number }): boolean {
  try {
    authorizeTicket(actor, 'read_tickets', access, ticket);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}
