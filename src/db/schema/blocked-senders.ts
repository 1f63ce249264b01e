import type { Generated, Selectable } from 'kysely';

/** An address or domain whose mail to the project is ignored (`blocked_sender`) and answered with nothing. */
export interface BlockedSendersTable {
  id: Generated<number>;
  project_id: number;
  kind: 'address' | 'domain';
  /** Lower-case: `spam@example.com`, or a domain without `@` (which blocks its subdomains too). Unique per project. */
  value: string;
  note: string | null;
  /** Who blocked it; null for the system (CLI) or a user since deleted. */
  created_by: number | null;
  created_at: string;
}

export type BlockedSenderRow = Selectable<BlockedSendersTable>;
