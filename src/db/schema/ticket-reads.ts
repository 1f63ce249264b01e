/** When a user last read a ticket: it is unread for them when its last_activity_at is later. */
export interface TicketReadsTable {
  user_id: number;
  ticket_id: number;
  read_at: string;
}
