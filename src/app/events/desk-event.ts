// What happened in a project, as agents' open pages hear of it (GET /projects/:id/events). An event
// carries ids only — the page refetches through the API, which applies every permission again — plus,
// for tickets and notes, who may hear of it at all (`ticket`), which is never sent.
// `data` is exactly the JSON of the contract (snake_case); keep it to ids and states.

/** What decides who may hear of a ticket: confidential tickets reach reporters and up, and their author. */
export interface TicketAudience {
  confidential: boolean;
  authorId: number;
}

export type DeskEvent =
  | { type: 'ticket'; data: { project_id: number; iid: number; action: 'created' | 'updated' }; ticket: TicketAudience }
  | { type: 'note'; data: { project_id: number; ticket_iid: number; note_id: number; internal: boolean }; ticket: TicketAudience }
  | { type: 'inbound'; data: { project_id: number; id: number; state: string } }
  | { type: 'outbound'; data: { project_id: number; id: number; state: string } };

export type DeskEventType = DeskEvent['type'];

export const eventProjectId = (event: DeskEvent): number => event.data.project_id;
