import type { Generated, Selectable } from 'kysely';

/** External participants: addresses outside the team that are mailed public comments. */
export interface ParticipantsTable {
  id: Generated<number>;
  ticket_id: number;
  /** As first written (case kept for display). */
  email: string;
  /** Unique per ticket: addresses compare case-insensitively (SD-80). */
  email_lower: string;
  created_at: string;
  /** When mail to this address on this ticket bounced: nothing more is mailed to it here until cleared. */
  bouncing_since: string | null;
  bounce_reason: string | null;
}

export type ParticipantRow = Selectable<ParticipantsTable>;
