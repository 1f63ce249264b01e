/** Tickets per project, state and confidentiality, kept by triggers (migration 007): X-Total without count(*). */
export interface TicketCountsTable {
  project_id: number;
  state: 'opened' | 'closed';
  confidential: number;
  n: number;
}
