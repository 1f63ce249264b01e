import type { Actor } from '../../domain/actor.ts';
import { seesExternalAddresses } from '../../domain/policy.ts';
import type { Deps } from '../deps.ts';
import { loadTicketFor } from './ticket-access.ts';
import { ticketDetails, type TicketDetails } from './ticket-details.ts';

export interface TicketForViewer {
  details: TicketDetails;
  /** SD-86: false below reporter, where customers' addresses are masked. */
  seesAddresses: boolean;
}

export async function getTicket(deps: Deps, actor: Actor, projectRef: string, iid: number): Promise<TicketForViewer> {
  const { ticket, access } = await loadTicketFor(deps.db.db, actor, projectRef, iid, 'read_tickets');
  const [details] = await ticketDetails(deps.db.db, [ticket], actor.kind === 'user' ? actor.userId : null);
  return { details: details!, seesAddresses: seesExternalAddresses(actor, access) };
}
