// What one caller may see of a project's tickets, decided once per request by the policy and then applied
// to queries (the list, its counts, search) that cannot ask it row by row.
import type { Actor } from '../../domain/actor.ts';
import { decideProject, seesExternalAddresses, type ProjectAccess } from '../../domain/policy.ts';

export interface TicketViewer {
  /** The caller's user id, or null for the system. */
  userId: number | null;
  /** Reporter and up: every confidential ticket; below, only those the caller opened. */
  seesConfidential: boolean;
  /** SD-86: reporter and up see customers' addresses; below, they are masked and not searchable. */
  seesAddresses: boolean;
  /** Internal notes (reporter and up) are read, and so searched, only by those who may write them. */
  seesInternalNotes: boolean;
}

export function ticketViewer(actor: Actor, access: ProjectAccess): TicketViewer {
  return {
    userId: actor.kind === 'user' ? actor.userId : null,
    seesConfidential: decideProject(actor, 'read_confidential', access) === 'allowed',
    seesAddresses: seesExternalAddresses(actor, access),
    seesInternalNotes: decideProject(actor, 'read_internal_notes', access) === 'allowed',
  };
}
